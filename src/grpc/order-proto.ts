/**
 * The gRPC interface as `npm run generate` wrote it from the contract
 * (`generated/proto/computer_orders/v1/computer_orders.proto`), loaded twice
 * over: by `@grpc/proto-loader` for reflection, and by protobufjs for the
 * request and response types, which the order service decodes itself (see
 * `request-decoder.ts`) instead of letting grpc-js decode before admission.
 */
import { join } from 'node:path';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { packageRoot } from '../contract.js';

export const SERVICE_NAME = 'computer_orders.v1.ComputerOrderService';
export const CREATE_METHOD = `/${SERVICE_NAME}/CreateComputerOrder`;

export interface OrderProto {
  /**
   * For reflection: the order service's types. Not the health service's: protobufjs describes
   * health.proto's map field in a way that grpcurl refuses ("invalid map: incorrect implicit map
   * entry name"), and would then refuse the whole server's descriptors; health clients know its proto.
   */
  packageDefinition: PackageDefinition;
  request: protobuf.Type;
  response: protobuf.Type;
}

/** Where `npm run generate` writes the `.proto`, in the package root. */
export const generatedProtoPath = (): string => join(packageRoot(), 'generated', 'proto', 'computer_orders', 'v1', 'computer_orders.proto');

/**
 * @example
 * const proto = loadOrderProto();
 * proto.request.decode(bytes);
 */
export function loadOrderProto(path = generatedProtoPath()): OrderProto {
  // keepCase: the contract's property names are the proto's field names.
  const packageDefinition = loadSync(path, { keepCase: true, enums: String, defaults: false, oneofs: true });
  const root = new protobuf.Root().loadSync(path, { keepCase: true });
  return {
    packageDefinition,
    request: root.lookupType('computer_orders.v1.CreateComputerOrderRequest'),
    response: root.lookupType('computer_orders.v1.CreateComputerOrderResponse'),
  };
}
