/**
 * Cross-origin access, closed unless `CORS_ORIGINS` names the browser
 * origins allowed to call the API (the `cors` package answers preflights).
 */
import type { RequestHandler } from 'express';
import cors from 'cors';

// What a browser client sends and may read: the key, tracing, and the answers' own headers.
const ALLOWED_HEADERS = ['Content-Type', 'X-API-Key', 'X-Request-Id', 'traceparent', 'tracestate'];
const EXPOSED_HEADERS = ['Order-Id', 'Idempotent-Replayed', 'Retry-After', 'X-Request-Id', 'Deprecation', 'Sunset', 'Link', 'WWW-Authenticate'];

/**
 * @example
 * app.use(crossOrigin(['https://shop.example.com']));
 */
export function crossOrigin(origins: readonly string[]): RequestHandler {
  if (origins.length === 0) {
    return function noCrossOrigin(_req, _res, next) {
      next();
    };
  }
  return cors({
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
}
