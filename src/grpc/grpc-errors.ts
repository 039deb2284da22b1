/**
 * Every error the order service can meet, as the gRPC status it answers
 * with; the gRPC counterpart of `http/error-handler.ts`'s mapping, with the
 * same messages (the HTTP status each one matches in brackets):
 * - the order's rules → INVALID_ARGUMENT with `google.rpc.BadRequest` (HTTP 400);
 * - an id reused for other content → ALREADY_EXISTS (409);
 * - broker trouble, an id still in flight, the store away → UNAVAILABLE with `google.rpc.RetryInfo` (503);
 * - a broker that refuses the record for good, anything unexpected → INTERNAL (500), without internals.
 */
import { status as Code } from '@grpc/grpc-js';
import { OrderIdConflictError, OrderIdUnavailableError } from '../orders/idempotency-store.js';
import { OrderValidationError, orderRuleViolation } from '../orders/order-contract.js';
import { PublishError } from '../orders/order-publisher.js';
import { GrpcRefusal } from './grpc-refusal.js';
import { badRequest, retryInfo } from './status-details.js';

/**
 * @example
 * toGrpcRefusal(new PublishError('timeout', { topic: 'computers' }), 5).code; // status.UNAVAILABLE
 */
export function toGrpcRefusal(err: unknown, retryAfterSeconds: number): GrpcRefusal {
  if (err instanceof GrpcRefusal) return err;
  const invalid = err instanceof OrderValidationError ? err : orderRuleViolation(err);
  if (invalid) return new GrpcRefusal(Code.INVALID_ARGUMENT, invalid.message, [badRequest(invalid.errors)], { cause: err });
  if (err instanceof OrderIdConflictError) {
    return new GrpcRefusal(Code.ALREADY_EXISTS, `${err.message} Use a new id for a new order.`, [], { cause: err });
  }
  if (err instanceof OrderIdUnavailableError) return new GrpcRefusal(Code.UNAVAILABLE, err.message, [retryInfo(retryAfterSeconds)], { cause: err });
  if (err instanceof PublishError) {
    return err.retriable
      ? new GrpcRefusal(Code.UNAVAILABLE, err.message, [retryInfo(retryAfterSeconds)], { cause: err })
      : new GrpcRefusal(Code.INTERNAL, err.message, [], { cause: err });
  }
  return new GrpcRefusal(Code.INTERNAL, 'An unexpected error occurred.', [], { cause: err });
}
