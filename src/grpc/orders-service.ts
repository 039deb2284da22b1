/**
 * `computer_orders.v1.ComputerOrderService`: the order operation over gRPC,
 * with exactly the HTTP path's rules and guarantees. In order:
 * 1. the admission bound shared with HTTP (RESOURCE_EXHAUSTED + RetryInfo),
 *    before the message is decoded: grpc-js hands the bytes over undecoded;
 * 2. the `x-api-key` metadata, by the same check as `X-API-Key`;
 * 3. the bytes to the contract's JSON form (`request-decoder.ts`), checked by
 *    the same order contract as HTTP bodies (INVALID_ARGUMENT + BadRequest);
 * 4. the same acceptor as HTTP: OK only once the broker acknowledged, a replay
 *    for a retried id and content, ALREADY_EXISTS for other content.
 * A deadline that passes before the acknowledgement answers DEADLINE_EXCEEDED:
 * the order may still be published, so the client retries with the same id.
 */
import { Metadata, status as Code, type sendUnaryData, type ServerUnaryCall, type ServiceDefinition } from '@grpc/grpc-js';
import type { KeyVerdict } from '../access/write-access.js';
import { requestIdFrom } from '../context/request-id.js';
import { traceContextOf } from '../context/trace-context.js';
import { overloadDetail } from '../http/order-admission.js';
import type { AcceptOrder } from '../orders/accept-order.js';
import type { OrderContract } from '../orders/order-contract.js';
import type { OrderSource } from '../orders/order-event.js';
import type { PendingOrders } from '../orders/pending-orders.js';
import type { Logger } from 'pino';
import { logRefusal, REQUEST_ID_METADATA } from './call-observer.js';
import { toGrpcRefusal } from './grpc-errors.js';
import { GrpcRefusal } from './grpc-refusal.js';
import { CREATE_METHOD, type OrderProto } from './order-proto.js';
import { createRequestDecoder } from './request-decoder.js';
import { retryInfo, statusDetailsMetadata } from './status-details.js';

interface CreateResponse {
  order_id: string;
  replayed: boolean;
}

export const API_KEY_METADATA = 'x-api-key';
/**
 * The event's `source` for a gRPC order: `api/v2`, the operation this service is
 * generated from. Not a new `grpc/v1` value: version 1 of the event closes the
 * `source` enum, and `npm run check:breaking` refuses a new value there
 * (`response-property-enum-value-added`; docs/VERSIONING.md, "adding an enum
 * value"), since consumers validating against their pinned schema would reject
 * such records. `grpc/v1` waits for the event's next major.
 */
export const GRPC_EVENT_SOURCE = 'api/v2' satisfies OrderSource;
export const DEADLINE_DETAIL = 'The deadline passed before Kafka acknowledged the order: it may have been published. Retry with the same id.';
// Answer a little before grpc-js' own deadline timer, so the client gets this message rather than a bare "Deadline exceeded".
const DEADLINE_MARGIN_MS = 5;

const ACCESS_REFUSALS: Record<Exclude<KeyVerdict, 'accepted'>, [Code, string]> = {
  no_keys: [Code.PERMISSION_DENIED, 'This server accepts no writes: no API keys are configured.'],
  missing: [Code.UNAUTHENTICATED, `The ${API_KEY_METADATA} metadata is required.`],
  invalid: [Code.UNAUTHENTICATED, `The ${API_KEY_METADATA} metadata does not carry a valid key.`],
};

export interface OrderServiceOptions {
  proto: OrderProto;
  orders: OrderContract;
  acceptOrder: AcceptOrder;
  pending: PendingOrders;
  judgeKey: (presented: string | undefined) => KeyVerdict;
  retryAfterSeconds: number;
  /** Where refusals are explained (the access log line and the metrics come from `call-observer.ts`). */
  logger: Logger;
}

const single = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * @example
 * const { definition, implementation } = createOrderService({ proto, orders, acceptOrder, pending, judgeKey, retryAfterSeconds: 5, logger });
 * server.addService(definition, implementation);
 */
export function createOrderService({ proto, orders, acceptOrder, pending, judgeKey, retryAfterSeconds, logger }: OrderServiceOptions) {
  const toJson = createRequestDecoder({ type: proto.request, enums: orders.computerOrderEnums });
  const overloaded = new GrpcRefusal(Code.RESOURCE_EXHAUSTED, overloadDetail(pending.max), [retryInfo(retryAfterSeconds)]);

  const definition: ServiceDefinition = {
    CreateComputerOrder: {
      path: CREATE_METHOD,
      requestStream: false,
      responseStream: false,
      // Undecoded: the bytes are decoded in the handler, after admission (see above).
      requestSerialize: (bytes: Buffer) => bytes,
      requestDeserialize: (bytes: Buffer) => bytes,
      responseSerialize: (response: CreateResponse) => Buffer.from(proto.response.encode(proto.response.create(response)).finish()),
      responseDeserialize: (bytes: Buffer) => proto.response.toObject(proto.response.decode(bytes)),
    },
  };

  async function create(bytes: Buffer, metadata: Metadata, requestId: string): Promise<CreateResponse> {
    const map = metadata.getMap();
    const verdict = judgeKey(single(map[API_KEY_METADATA]));
    if (verdict !== 'accepted') throw new GrpcRefusal(...ACCESS_REFUSALS[verdict]);
    const order = orders.checkComputerOrder(toJson(bytes));
    const { orderId, replayed } = await acceptOrder(order, { source: GRPC_EVENT_SOURCE, metadata: { requestId, ...traceContextOf(map) } });
    return { order_id: orderId, replayed };
  }

  function createComputerOrder(call: ServerUnaryCall<Buffer, CreateResponse>, callback: sendUnaryData<CreateResponse>): void {
    // Always there: `call-observer.ts` fills it in when the client sent none.
    const sentId = call.metadata.get(REQUEST_ID_METADATA)[0];
    const reqId = requestIdFrom(sentId);
    const release = pending.admit();
    let timer: NodeJS.Timeout | undefined;
    let done = false;

    function finish(outcome: { response: CreateResponse } | { refusal: GrpcRefusal } | { cancelled: true }): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      release?.();
      if ('cancelled' in outcome) return;
      if ('response' in outcome) return callback(null, outcome.response);
      const { code, message, details, cause } = outcome.refusal;
      logRefusal(logger, { reqId, method: CREATE_METHOD, code, detail: message, cause });
      callback({ code, details: message, metadata: statusDetailsMetadata(code, message, details) });
    }

    // Echoed as HTTP echoes X-Request-Id, in the response headers.
    const head = new Metadata();
    head.set(REQUEST_ID_METADATA, reqId);
    call.sendMetadata(head);
    call.once('cancelled', () => finish({ cancelled: true }));
    if (!release) return finish({ refusal: overloaded });
    if (sentId !== reqId) {
      return finish({
        refusal: new GrpcRefusal(Code.INVALID_ARGUMENT, 'The x-request-id metadata must be 1 to 128 letters, digits, ".", "_", ":" or "-".', []),
      });
    }
    const deadline = Number(call.getDeadline());
    if (Number.isFinite(deadline)) {
      timer = setTimeout(() => finish({ refusal: new GrpcRefusal(Code.DEADLINE_EXCEEDED, DEADLINE_DETAIL) }), Math.max(0, deadline - Date.now() - DEADLINE_MARGIN_MS));
    }
    create(call.request, call.metadata, reqId).then(
      (response) => finish({ response }),
      (err: unknown) => finish({ refusal: toGrpcRefusal(err, retryAfterSeconds) }),
    );
  }

  return { definition, implementation: { CreateComputerOrder: createComputerOrder } };
}
