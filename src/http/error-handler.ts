/**
 * The one terminal error handler: every error, ours, the validator's or the
 * body parser's, leaves as an RFC 9457 `application/problem+json` document.
 */
import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { components } from '../../generated/openapi.js';
import { OrderIdConflictError, OrderIdUnavailableError } from '../orders/idempotency-store.js';
import { OrderValidationError, orderRuleViolation, readableMessage as readable } from '../orders/order-contract.js';
import { PublishError } from '../orders/order-publisher.js';
import { ApiError, type FieldError } from './api-error.js';
import { challenge } from './auth.js';

type Problem = components['schemas']['Problem'];

interface ValidatorError {
  status: number;
  message: string;
  errors?: Array<{ path?: string; message?: string }>;
  headers?: Record<string, string>;
}

// The validator names locations after Express' request properties.
const LOCATIONS: Record<string, FieldError['location']> = {
  body: 'body',
  headers: 'header',
  params: 'path',
  query: 'query',
};
// The body parser's errors by their `type`; the 413's detail names the configured limit.
const bodyParserProblems = (bodyLimitBytes: number): Record<string, [number, string]> => ({
  'entity.parse.failed': [400, 'The body is not valid JSON.'],
  'entity.too.large': [413, `The request body is larger than ${bodyLimitBytes} bytes.`],
  'charset.unsupported': [415, 'Only UTF-8 JSON is accepted.'],
  'encoding.unsupported': [415, 'The content encoding is not supported.'],
  'request.aborted': [400, 'The request was aborted.'],
  'request.size.invalid': [400, 'The body does not match its Content-Length.'],
});

/** `/body/equipment/0` or `.body.equipment[0]` to `{ location: 'body', pointer: '/equipment/0' }`. */
function toFieldError({ path = '', message = 'is invalid' }: { path?: string; message?: string }): FieldError {
  const segments = path.replace(/\[(\d+)\]/g, '.$1').split(/[./]/).filter(Boolean);
  const [first = 'body', ...rest] = segments;
  const location = LOCATIONS[first];
  const text = readable(message);
  return location ? { location, pointer: `/${rest.join('/')}`, message: text } : { location: 'body', pointer: `/${segments.join('/')}`, message: text };
}

function isValidatorError(err: unknown): err is ValidatorError {
  return typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' && 'message' in err;
}

function toApiError(err: unknown, retryAfterSeconds: number, bodyParserStatus: Record<string, [number, string]>): ApiError {
  if (err instanceof ApiError) return err;
  // The reason decides the status; its message was written for clients.
  if (err instanceof PublishError) {
    return err.retriable
      ? new ApiError(503, err.message, { headers: { 'Retry-After': String(retryAfterSeconds) }, cause: err })
      : new ApiError(500, err.message, { cause: err });
  }
  if (err instanceof OrderIdUnavailableError) {
    return new ApiError(503, err.message, { headers: { 'Retry-After': String(retryAfterSeconds) }, cause: err });
  }
  if (err instanceof OrderIdConflictError) {
    return new ApiError(409, `${err.message} Use a new id for a new order.`, {
      errors: [{ location: 'body', pointer: '/id', message: 'already used for a different order' }],
    });
  }
  // The order's own rules (src/orders/order-contract.ts): the same fields and messages on every front end.
  const invalid = err instanceof OrderValidationError ? err : orderRuleViolation(err);
  if (invalid) return new ApiError(400, invalid.message, { errors: invalid.errors, cause: err });
  const type = typeof err === 'object' && err !== null && 'type' in err ? String(err.type) : '';
  const parserStatus = bodyParserStatus[type];
  if (parserStatus) {
    const [status, detail] = parserStatus;
    return new ApiError(status, detail, { cause: err });
  }
  if (isValidatorError(err) && err.status >= 400 && err.status < 500) {
    const errors = err.status === 400 && err.errors?.length ? err.errors.map(toFieldError) : undefined;
    const headers = { ...(err.status === 401 && challenge), ...err.headers };
    return new ApiError(err.status, readable(err.message), { headers, errors, cause: err });
  }
  return new ApiError(500, 'An unexpected error occurred.', { cause: err });
}

export function createErrorHandler({
  logger,
  retryAfterSeconds,
  bodyLimitBytes,
}: {
  logger: Logger;
  retryAfterSeconds: number;
  bodyLimitBytes: number;
}): ErrorRequestHandler {
  const bodyParserStatus = bodyParserProblems(bodyLimitBytes);
  return function renderProblem(err: unknown, req, res, _next) {
    const apiError = toApiError(err, retryAfterSeconds, bodyParserStatus);
    const { status } = apiError;
    const requestId = res.getHeader('X-Request-Id');
    // A 503 is an expected condition (overload, a broker slow to acknowledge, not ready), said once
    // per request without a stack: a flood of refusals must not flood the error log.
    if (status === 503) logger.warn({ requestId, method: req.method, path: req.path, status, detail: apiError.message }, 'request refused for now');
    else if (status >= 500) logger.error({ err, requestId, method: req.method, path: req.path, status }, 'request failed');
    else logger.debug({ requestId, method: req.method, path: req.path, status, detail: apiError.message }, 'request rejected');

    const problem: Problem = {
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail: apiError.message,
      instance: req.path,
      ...(typeof requestId === 'string' && { request_id: requestId }),
      ...(apiError.errors && { errors: apiError.errors }),
    };
    if (res.headersSent) return void res.destroy();
    res.status(status).set(apiError.headers).type('application/problem+json').json(problem);
  };
}
