/**
 * The one error type that the HTTP layer renders. `detail` is shown to the
 * client, so it must never carry internals.
 */
import type { components } from '../../generated/openapi.js';

export type FieldError = components['schemas']['FieldError'];

export interface ApiErrorOptions {
  headers?: Record<string, string>;
  errors?: FieldError[];
  cause?: unknown;
}

/**
 * @example
 * throw new ApiError(503, 'Kafka did not acknowledge the order.', { headers: { 'Retry-After': '5' } });
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly errors: FieldError[] | undefined;

  constructor(status: number, detail: string, { headers = {}, errors, cause }: ApiErrorOptions = {}) {
    super(detail, { cause });
    this.status = status;
    this.headers = headers;
    this.errors = errors;
  }
}
