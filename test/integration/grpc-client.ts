/**
 * A real grpc-js client of the running service, made from the generated
 * `.proto` (orders) and grpc-health-check's (health), with the integration
 * tests' API key.
 */
import { credentials, loadPackageDefinition, makeClientConstructor, Metadata, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
import { generatedProtoPath } from '../../src/grpc/order-proto.js';
import { readStatusDetails } from '../../src/grpc/status-details.js';
import { INTEGRATION_API_KEY } from './service-harness.js';

type Unary<Req, Res> = (request: Req, metadata: Metadata, callback: (err: ServiceError | null, response?: Res) => void) => void;
type Creds = ReturnType<typeof credentials.createInsecure>;
const definition = loadPackageDefinition(loadSync(generatedProtoPath(), { keepCase: true, enums: String, defaults: true })) as unknown as {
  computer_orders: { v1: { ComputerOrderService: new (address: string, creds: Creds) => Client & { CreateComputerOrder: Unary<unknown, { order_id: string; replayed: boolean }> } } };
};
const HealthClient = makeClientConstructor(healthService as never, 'grpc.health.v1.Health') as unknown as new (address: string, creds: Creds) => Client & { Check: Unary<{ service: string }, { status: string }> };

export interface GrpcAnswer {
  code: number;
  message?: string;
  response?: { order_id: string; replayed: boolean };
  status?: ReturnType<typeof readStatusDetails>;
}

export function createOrderClient(address: string) {
  const orders = new definition.computer_orders.v1.ComputerOrderService(address, credentials.createInsecure());
  const health = new HealthClient(address, credentials.createInsecure());
  return {
    create(request: unknown, extra: Record<string, string> = {}): Promise<GrpcAnswer> {
      const metadata = new Metadata();
      for (const [name, value] of Object.entries({ 'x-api-key': INTEGRATION_API_KEY, ...extra })) metadata.set(name, value);
      return new Promise((resolve) =>
        orders.CreateComputerOrder(request, metadata, (err, response) =>
          resolve(err ? { code: err.code, message: err.details, status: readStatusDetails(err.metadata) } : { code: 0, ...(response && { response }) }),
        ),
      );
    },
    health(): Promise<string> {
      return new Promise((resolve) => health.Check({ service: '' }, new Metadata(), (err, response) => resolve(err ? `error ${err.code}` : response!.status)));
    },
    close() {
      orders.close();
      health.close();
    },
  };
}
