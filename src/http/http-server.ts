/**
 * The HTTP server around the app, with limits that keep slow and idle
 * clients (slowloris, connection floods) from holding it.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/**
 * Each server's connections that have not sent a request yet, for the drain:
 * Node.js 24's `closeIdleConnections()` leaves them open (26 closes them), and
 * one held by a balancer or a pre-connecting client would hold the drain
 * until the shutdown timeout. Kept beside the server, not on it.
 */
const unusedConnections = new WeakMap<Server, Set<Socket>>();

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
  const fresh = new Set<Socket>();
  unusedConnections.set(server, fresh);
  server.on('connection', function trackUnused(socket: Socket) {
    fresh.add(socket);
    socket.once('close', () => fresh.delete(socket));
  });
  server.on('request', function markUsed(req: { socket: Socket }) {
    fresh.delete(req.socket);
  });
  // A connection that never sends a byte starts no request, so the timeouts
  // above never see it: close any socket idle for a whole request's time.
  server.timeout = limits.requestTimeoutMs;
  return server;
}

/** How long a keep-alive connection may still send a request once a drain began. */
export const DRAIN_GRACE_MS = 250;

/**
 * Stops accepting connections and resolves once every open one has ended.
 *
 * `Server.close()` also closes every idle keep-alive connection at once, and a
 * request a client had already written on one (not yet read by the server)
 * is then lost to a reset. So the listener alone is closed first; for
 * `graceMs` those connections are still read, and every answer from now on
 * says `Connection: close`; then the ones that stayed idle are closed.
 *
 * @example
 * await drainHttpServer(server);
 */
export function drainHttpServer(server: Server, { graceMs = DRAIN_GRACE_MS } = {}): Promise<void> {
  server.prependListener('request', function closeAfterResponse(_req, res) {
    res.setHeader('Connection', 'close');
  });
  // A socket whose answer is already under way, once idle, waits no longer than this.
  server.keepAliveTimeout = Math.min(server.keepAliveTimeout, graceMs);
  server.keepAliveTimeoutBuffer = 0;
  const closed = new Promise<void>((resolve) => {
    // net.Server's own close: stop listening, without http.Server's closeIdleConnections().
    NetServer.prototype.close.call(server, () => resolve());
  });
  const grace = setTimeout(function closeIdleAfterGrace() {
    server.closeIdleConnections();
    for (const socket of unusedConnections.get(server) ?? []) socket.destroy();
  }, graceMs);
  return closed.finally(() => clearTimeout(grace));
}
