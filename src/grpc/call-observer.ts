/**
 * What every finished gRPC call leaves behind, like an HTTP request: one
 * access-log line (its id, method, status code name and `responseTime` in
 * ms, nothing from its metadata, which may carry the key), and the
 * `grpc_server_handled_total` / `grpc_server_handling_seconds` series.
 * Refusals are logged once more as the HTTP error handler logs them:
 * UNAVAILABLE and RESOURCE_EXHAUSTED at warn without a stack (a flood must not
 * flood the log), INTERNAL at error with its cause, the rest at debug.
 */
import { status as Code } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';

export interface CompletedCall {
  reqId: string;
  /** The full method name, `/package.Service/Method`. */
  method: string;
  code: Code;
  /** The message sent with a status other than OK. */
  detail?: string;
  cause?: unknown;
  durationMs: number;
}

export type CallObserver = (call: CompletedCall) => void;

/** `Code.INVALID_ARGUMENT` to `'INVALID_ARGUMENT'`. */
export const codeName = (code: Code): string => Code[code] ?? String(code);

/**
 * @example
 * const observe = observeCalls({ logger, metrics });
 * observe({ reqId, method: '/computer_orders.v1.ComputerOrderService/CreateComputerOrder', code: status.OK, durationMs: 2.3 });
 * // {"level":30,"reqId":"…","grpcMethod":"/computer_orders.v1.ComputerOrderService/CreateComputerOrder","grpcCode":"OK","responseTime":2.3,"msg":"call completed"}
 */
export function observeCalls({ logger, metrics }: { logger: Logger; metrics: Metrics }): CallObserver {
  return function observeCall({ reqId, method, code, detail, cause, durationMs }) {
    const grpcCode = codeName(code);
    metrics.grpcHandled.labels(method, grpcCode).inc();
    metrics.grpcHandlingDuration.labels(method, grpcCode).observe(durationMs / 1000);
    const context = { reqId, grpcMethod: method, grpcCode };
    if (code === Code.UNAVAILABLE || code === Code.RESOURCE_EXHAUSTED) logger.warn({ ...context, detail }, 'call refused for now');
    else if (code === Code.INTERNAL || code === Code.UNKNOWN) logger.error({ ...context, err: cause }, 'call failed');
    else if (code !== Code.OK) logger.debug({ ...context, detail }, 'call rejected');
    logger.info({ ...context, responseTime: Math.round(durationMs * 1000) / 1000 }, code === Code.CANCELLED ? 'call cancelled' : 'call completed');
  };
}
