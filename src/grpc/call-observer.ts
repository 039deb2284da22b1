/**
 * What every finished gRPC call leaves behind, whichever service answered it
 * and even when grpc-js answered itself (a message over the size limit, a
 * passed deadline): one access-log line, like HTTP's (its id, method,
 * status code name and `responseTime` in ms, nothing from its metadata,
 * which may carry the key), and the `grpc_server_handled_total` /
 * `grpc_server_handling_seconds` series. A server interceptor, so no
 * handler can forget it.
 */
import { performance } from 'node:perf_hooks';
import { ServerInterceptingCall, ServerListenerBuilder, status as Code, type ServerInterceptor } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { requestIdFrom } from '../context/request-id.js';
import type { Metrics } from '../metrics.js';

export const REQUEST_ID_METADATA = 'x-request-id';

/** `Code.INVALID_ARGUMENT` to `'INVALID_ARGUMENT'`. */
export const codeName = (code: Code): string => Code[code] ?? String(code);

/**
 * @example
 * new Server({ interceptors: [observeCalls({ logger, metrics })] });
 * // {"level":30,"reqId":"…","grpcMethod":"/computer_orders.v1.ComputerOrderService/CreateComputerOrder","grpcCode":"OK","responseTime":2.3,"msg":"call completed"}
 */
export function observeCalls({ logger, metrics }: { logger: Logger; metrics: Metrics }): ServerInterceptor {
  return function observeCall(method, call) {
    const started = performance.now();
    let reqId: string | undefined;
    let done = false;
    function record(code: Code): void {
      if (done) return;
      done = true;
      const grpcCode = codeName(code);
      const durationMs = performance.now() - started;
      metrics.grpcHandled.labels(method.path, grpcCode).inc();
      metrics.grpcHandlingDuration.labels(method.path, grpcCode).observe(durationMs / 1000);
      logger.info(
        { reqId: reqId ?? requestIdFrom(undefined), grpcMethod: method.path, grpcCode, responseTime: Math.round(durationMs * 1000) / 1000 },
        code === Code.CANCELLED ? 'call cancelled' : 'call completed',
      );
    }
    return new ServerInterceptingCall(call, {
      start(next) {
        next(
          new ServerListenerBuilder()
            .withOnReceiveMetadata((metadata, nextMetadata) => {
              const [sent] = metadata.get(REQUEST_ID_METADATA);
              reqId = requestIdFrom(sent);
              // The id chosen here is the call's id for every handler too (they read it from the
              // metadata): filled in when the client sent none, left as sent otherwise, so that a
              // handler can still refuse a malformed one.
              if (sent === undefined) metadata.set(REQUEST_ID_METADATA, reqId);
              nextMetadata(metadata);
            })
            .withOnCancel(() => record(Code.CANCELLED))
            .build(),
        );
      },
      sendStatus(status, next) {
        record(status.code);
        next(status);
      },
    });
  };
}

/**
 * Says why a call was refused, as HTTP's error handler says it of a request:
 * UNAVAILABLE and RESOURCE_EXHAUSTED at warn without a stack (a flood must not
 * flood the log), INTERNAL at error with its cause, the rest at debug.
 */
export function logRefusal(logger: Logger, { reqId, method, code, detail, cause }: { reqId: string; method: string; code: Code; detail: string; cause?: unknown }): void {
  const context = { reqId, grpcMethod: method, grpcCode: codeName(code) };
  if (code === Code.UNAVAILABLE || code === Code.RESOURCE_EXHAUSTED) logger.warn({ ...context, detail }, 'call refused for now');
  else if (code === Code.INTERNAL || code === Code.UNKNOWN) logger.error({ ...context, err: cause }, 'call failed');
  else logger.debug({ ...context, detail }, 'call rejected');
}
