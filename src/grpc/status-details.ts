/**
 * The rich error model (https://google.aip.dev/193): a `google.rpc.Status`
 * with `google.rpc.BadRequest` or `google.rpc.RetryInfo` details, sent in the
 * `grpc-status-details-bin` trailer, where grpc clients' status helpers
 * (grpcurl, `@grpc/grpc-js` users with `google-proto-files`) look for it.
 * The message types come from the `.proto` files that Google publishes for
 * them (npm `google-proto-files`), encoded with protobufjs.
 */
import { Metadata, status as Code } from '@grpc/grpc-js';
import { getProtoPath } from 'google-proto-files';
import protobuf from 'protobufjs';
import type { FieldError } from '../orders/order-contract.js';

const root = protobuf.loadSync([getProtoPath('rpc', 'status.proto'), getProtoPath('rpc', 'error_details.proto')]);
const StatusType = root.lookupType('google.rpc.Status');
const BadRequestType = root.lookupType('google.rpc.BadRequest');
const RetryInfoType = root.lookupType('google.rpc.RetryInfo');

export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

export interface Detail {
  typeUrl: string;
  value: Uint8Array;
}

const any = (type: protobuf.Type, payload: Record<string, unknown>): Detail => ({
  typeUrl: `type.googleapis.com/${type.fullName.slice(1)}`,
  value: type.encode(type.create(payload)).finish(),
});

/** One field violation per field error: `field` is its JSON Pointer, `description` its message, as HTTP's `errors` say them. */
export const badRequest = (errors: readonly FieldError[]): Detail =>
  any(BadRequestType, { fieldViolations: errors.map(({ pointer = '', message }) => ({ field: pointer, description: message })) });

/** When to retry: the `Retry-After` that HTTP sends, as a duration. */
export const retryInfo = (seconds: number): Detail => any(RetryInfoType, { retryDelay: { seconds, nanos: 0 } });

/** The trailer carrying `code`, `message` and `details` as a `google.rpc.Status`. */
export function statusDetailsMetadata(code: Code, message: string, details: readonly Detail[]): Metadata {
  const metadata = new Metadata();
  // protobufjs' own google.protobuf.Any (which status.proto imports) keeps the proto's field names: type_url.
  const encoded = StatusType.encode(StatusType.create({ code, message, details: details.map(({ typeUrl, value }) => ({ type_url: typeUrl, value })) })).finish();
  metadata.set(STATUS_DETAILS_KEY, Buffer.from(encoded));
  return metadata;
}

/** Reads the trailer back (for tests and clients written here): the status and its details, decoded. */
export function readStatusDetails(metadata: Metadata): { code: number; message: string; badRequest?: { field: string; description: string }[]; retryDelaySeconds?: number } | undefined {
  const [raw] = metadata.get(STATUS_DETAILS_KEY);
  if (!Buffer.isBuffer(raw)) return undefined;
  // Read from the message itself: protobufjs' toObject rewrites google.protobuf.Any.
  const decoded = StatusType.decode(raw) as unknown as { code: number; message: string; details: { type_url: string; value: Uint8Array }[] };
  const result: ReturnType<typeof readStatusDetails> = { code: decoded.code, message: decoded.message };
  for (const detail of decoded.details) {
    const url = detail.type_url;
    if (url.endsWith('google.rpc.BadRequest')) {
      const { fieldViolations = [] } = BadRequestType.toObject(BadRequestType.decode(detail.value)) as { fieldViolations?: { field: string; description: string }[] };
      result.badRequest = fieldViolations.map(({ field, description }) => ({ field, description }));
    }
    if (url.endsWith('google.rpc.RetryInfo')) {
      const { retryDelay } = RetryInfoType.toObject(RetryInfoType.decode(detail.value), { longs: Number }) as { retryDelay?: { seconds?: number } };
      result.retryDelaySeconds = retryDelay?.seconds ?? 0;
    }
  }
  return result;
}
