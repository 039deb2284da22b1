/**
 * The HTTP server around the app, with limits that keep slow and idle
 * clients (slowloris, connection floods) from holding it.
 */
import { createServer, type RequestListener, type Server } from 'node:http';

export interface ConnectionLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

/**
 * @example
 * const server = createHttpServer(app, { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 10_000 });
 */
export function createHttpServer(app: RequestListener, limits: ConnectionLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node looks for requests past those timeouts; its default is 30 s.
      connectionsCheckingInterval: Math.max(100, Math.min(1000, limits.headersTimeoutMs / 2)),
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  // A connection that never sends a byte starts no request, so the timeouts
  // above never see it: close any socket idle for a whole request's time.
  server.timeout = limits.requestTimeoutMs;
  return server;
}
