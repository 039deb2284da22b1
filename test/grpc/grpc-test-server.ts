/**
 * Starts the real gRPC server (the order service, health, reflection) on an
 * ephemeral loopback port, with a recording publisher in place of Kafka, and
 * a real grpc-js client for it, made from the generated `.proto`. Nothing
 * else is faked: the order contract, the decoder and grpc-js are the real ones.
 */
import { credentials, loadPackageDefinition, Metadata, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { loadContract } from '../../src/contract.js';
import { buildGrpcServer, listenGrpc, type BuiltGrpcServer } from '../../src/grpc/grpc-server.js';
import { generatedProtoPath } from '../../src/grpc/order-proto.js';
import { readStatusDetails } from '../../src/grpc/status-details.js';
import { createMetrics, type Metrics } from '../../src/metrics.js';
import { createOrderAcceptor } from '../../src/orders/accept-order.js';
import type { IdempotencyStore } from '../../src/orders/idempotency-store.js';
import { createIdempotencyWindow } from '../../src/orders/idempotency-window.js';
import { createOrderContract } from '../../src/orders/order-contract.js';
import { createPendingOrders } from '../../src/orders/pending-orders.js';
import { createRecordingPublisher, type RecordingPublisher } from '../http/recording-publisher.js';
import { BODY_LIMIT_BYTES, RETRY_AFTER_SECONDS, TEST_API_KEY } from '../http/test-server.js';

export { BODY_LIMIT_BYTES, RETRY_AFTER_SECONDS, TEST_API_KEY };

export interface CallResult {
  code: number;
  message?: string;
  response?: { order_id: string; replayed: boolean };
  /** The `google.rpc.Status` in `grpc-status-details-bin`, decoded. */
  status?: ReturnType<typeof readStatusDetails>;
  headers?: Metadata;
}

export interface GrpcTestServer {
  address: string;
  publisher: RecordingPublisher;
  metrics: Metrics;
  built: BuiltGrpcServer;
  /** Calls CreateComputerOrder through the generated client, with the test key unless `metadata` says otherwise (`'x-api-key': null` sends none). */
  create(request: Record<string, unknown>, metadata?: Record<string, string | null>, options?: { deadlineMs?: number }): Promise<CallResult>;
  /** Sends raw bytes as the request message. */
  createRaw(bytes: Uint8Array, metadata?: Record<string, string | null>): Promise<CallResult>;
  close(): Promise<void>;
}

const packageDefinition = loadSync(generatedProtoPath(), { keepCase: true, enums: String, defaults: true });
const ServiceClient = (loadPackageDefinition(packageDefinition) as unknown as { computer_orders: { v1: { ComputerOrderService: new (address: string, creds: ReturnType<typeof credentials.createInsecure>, options?: Record<string, string>) => Client } } }).computer_orders.v1.ComputerOrderService;

function metadataOf(entries: Record<string, string | null>): Metadata {
  const metadata = new Metadata();
  for (const [name, value] of Object.entries({ 'x-api-key': TEST_API_KEY, ...entries })) if (value !== null) metadata.set(name, value);
  return metadata;
}

function settle(resolve: (result: CallResult) => void, headers: { value?: Metadata }) {
  return (err: ServiceError | null, response?: { order_id: string; replayed: boolean }) => {
    if (err) resolve({ code: err.code, message: err.details, status: readStatusDetails(err.metadata), ...(headers.value && { headers: headers.value }) });
    else resolve({ code: 0, ...(response && { response }), ...(headers.value && { headers: headers.value }) });
  };
}

export async function startGrpcTestServer({
  apiKeys = [TEST_API_KEY],
  openAccess = false,
  maxPendingOrders = 1000,
  idempotencyStore,
  logger = pino({ level: 'silent' }),
  tls,
}: {
  apiKeys?: string[];
  openAccess?: boolean;
  maxPendingOrders?: number;
  idempotencyStore?: IdempotencyStore;
  logger?: Logger;
  /** Serves TLS with this certificate, and the client trusts it (and only it). */
  tls?: { cert: string; key: string };
} = {}): Promise<GrpcTestServer> {
  const publisher = createRecordingPublisher();
  const metrics = createMetrics({ defaultMetrics: false });
  const recentOrders = idempotencyStore ?? createIdempotencyWindow({ ttlMs: 60_000, maxEntries: 1000 });
  const built = buildGrpcServer({
    publisher,
    acceptOrder: createOrderAcceptor({ publisher, recentOrders }),
    orders: createOrderContract(loadContract().document),
    pending: createPendingOrders({ maxPendingOrders, rejections: metrics.ordersRejectedOverload }),
    auth: { apiKeys, openAccess },
    logger,
    metrics,
    maxMessageBytes: BODY_LIMIT_BYTES,
    maxConcurrentStreams: 100,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    healthIntervalMs: 50,
  });
  const port = await listenGrpc(built.server, { host: '127.0.0.1', port: 0, ...(tls && { tls }) });
  const address = `127.0.0.1:${port}`;
  // Over TLS the client checks the name `localhost`: Node 26 refuses an IP address as the TLS server name, which grpc-js would send for 127.0.0.1.
  const client = tls
    ? new ServiceClient(address, credentials.createSsl(Buffer.from(tls.cert)), { 'grpc.ssl_target_name_override': 'localhost' })
    : new ServiceClient(address, credentials.createInsecure());
  return {
    address,
    publisher,
    metrics,
    built,
    create: (request, metadata = {}, { deadlineMs } = {}) =>
      new Promise((resolve) => {
        const headers: { value?: Metadata } = {};
        const options = deadlineMs === undefined ? {} : { deadline: Date.now() + deadlineMs };
        const call = (client as unknown as Record<string, (...args: unknown[]) => { on(event: string, listener: (m: Metadata) => void): void }>).CreateComputerOrder!(request, metadataOf(metadata), options, settle(resolve, headers));
        call.on('metadata', (m) => (headers.value = m));
      }),
    createRaw: (bytes, metadata = {}) =>
      new Promise((resolve) => {
        client.makeUnaryRequest('/computer_orders.v1.ComputerOrderService/CreateComputerOrder', (b: Buffer) => b, (b: Buffer) => ({ order_id: String(b.length), replayed: false }), Buffer.from(bytes), metadataOf(metadata), settle(resolve, {}));
      }),
    async close() {
      client.close();
      built.health.stop();
      await new Promise<void>((resolve) => built.server.tryShutdown(() => resolve()));
    },
  };
}

/** One server for the whole file, its publisher reset before each test (see `useTestServer`). */
export function useGrpcTestServer(options: Parameters<typeof startGrpcTestServer>[0] = {}): GrpcTestServer {
  const server = {} as GrpcTestServer;
  beforeAll(async () => {
    Object.assign(server, await startGrpcTestServer(options));
  });
  afterAll(() => server.close());
  beforeEach(() => server.publisher.reset());
  return server;
}
