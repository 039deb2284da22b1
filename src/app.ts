/**
 * Builds the Express app from its collaborators. It never listens: see
 * `server.ts` for that.
 */
import express, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { OpenAPIV3 } from 'express-openapi-validator/dist/framework/types.js';
import type { Logger } from 'pino';
import { loadContract } from './contract.js';
import { createMetrics, type Metrics } from './metrics.js';
import type { IdempotencyStore } from './orders/idempotency-store.js';
import { createIdempotencyWindow } from './orders/idempotency-window.js';
import { createOrderContract, type OrderContract } from './orders/order-contract.js';
import type { OrderPublisher } from './orders/order-publisher.js';
import { createPendingOrders, type PendingOrders } from './orders/pending-orders.js';
import { ApiError } from './http/api-error.js';
import { createAuth, type AuthPolicy } from './http/auth.js';
import { crossOrigin } from './http/cors.js';
import { readJsonBody } from './http/json-body.js';
import { builtDocsDir, createDocsRoutes } from './http/docs-routes.js';
import { deprecationHeadersOf, LEGACY_PATH, SUCCESSOR_PATH, markDeprecated } from './http/deprecation.js';
import { createErrorHandler } from './http/error-handler.js';
import { createOperationsRoutes } from './http/operations-routes.js';
import { createOrderRoutes } from './http/orders-routes.js';
import { createMetricsRoute } from './http/metrics-route.js';
import { admitOrders } from './http/order-admission.js';
import { logRequest } from './http/request-log.js';
import { countRequest } from './http/request-metrics.js';
import { observeRequests } from './http/request-observer.js';
import { createRouteOf } from './http/route-of.js';
import { docsSecurityPolicy, securityHeaders } from './http/security-headers.js';

export interface AppOptions {
  publisher: OrderPublisher;
  logger: Logger;
  bodyLimitBytes: number;
  retryAfterSeconds: number;
  /** Validate responses against the contract too (tests turn this on). */
  validateResponses?: boolean;
  /** Where request metrics go and what `GET /metrics` serves (default: a registry of its own). */
  metrics?: Metrics;
  /** The rendered docs served at `/docs` (default: `docs/api/` in the package root). */
  docsDir?: string;
  /** Browser origins allowed to call the API (CORS); without them, no cross-origin access. */
  corsOrigins?: readonly string[];
  /** Who may write; without it no key is valid, so no write is accepted. */
  auth?: AuthPolicy;
  /** How long, and for how many orders, a retry with the same id is answered without a second record. */
  idempotency?: { windowMs: number; maxOrders: number };
  /** Orders held at once before further ones are refused with 503 (see `order-admission.ts`). */
  maxPendingOrders?: number;
  /** The bound itself, when another front end (gRPC) shares it; default: one of `maxPendingOrders`. */
  pendingOrders?: PendingOrders;
  /** A shared store for several replicas (see `src/redis/`); without it, `idempotency` sizes an in-memory window. */
  idempotencyStore?: IdempotencyStore;
  /** The order schemas and rules; shared with the gRPC front end (default: compiled from the contract). */
  orderContract?: OrderContract;
}

/**
 * The contract as the validator middleware gets it: the order operations' bodies
 * accept anything there, because the order contract (`orders/order-contract.ts`)
 * checks them in the routes, the same check the gRPC front end makes. The
 * validator still checks their content type, headers and credentials.
 */
function withOrderBodiesLeftToTheOrderContract(document: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(document) as { paths: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: unknown }> } } }> };
  for (const path of [SUCCESSOR_PATH, LEGACY_PATH]) {
    const json = copy.paths[path]?.post?.requestBody?.content?.['application/json'];
    if (!json) throw new Error(`the contract's POST ${path} has no application/json body`);
    json.schema = {};
  }
  return copy;
}

const NO_WRITES: AuthPolicy = { apiKeys: [], openAccess: false, legacyAnonymousWrites: false };

/**
 * @example
 * const app = buildApp({ publisher, logger, bodyLimitBytes: 16384, retryAfterSeconds: 5 });
 * app.listen(8080);
 */
export function buildApp({
  publisher,
  logger,
  bodyLimitBytes,
  retryAfterSeconds,
  validateResponses = false,
  metrics = createMetrics(),
  docsDir,
  auth = NO_WRITES,
  corsOrigins = [],
  idempotency = { windowMs: 86_400_000, maxOrders: 100_000 },
  maxPendingOrders = 1000,
  idempotencyStore,
  orderContract,
  pendingOrders,
}: AppOptions): Express {
  const contract = loadContract();
  const orders = orderContract ?? createOrderContract(contract.document);
  const { validateSecurity, guardLegacyPath } = createAuth(auth);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const routeOf = createRouteOf(Object.keys((contract.document.paths ?? {}) as object));
  app.use(observeRequests({ routeOf, observers: [logRequest(logger), countRequest(metrics)] }));
  // First, so that every answer carries them, errors and preflights included.
  app.use(securityHeaders(), crossOrigin(corsOrigins));
  // Before the validator: a scrape needs neither a body parser nor the contract's checks.
  app.use(createMetricsRoute({ registry: metrics.registry }));
  // Before the validator, which answers 404 for paths the contract lacks.
  app.use('/docs', docsSecurityPolicy(), createDocsRoutes({ dir: docsDir ?? builtDocsDir() }));
  app.use(LEGACY_PATH, markDeprecated(deprecationHeadersOf(contract.document)));
  // Before the body is read: an order refused for overload costs no parsing.
  const pending = pendingOrders ?? createPendingOrders({ maxPendingOrders, rejections: metrics.ordersRejectedOverload });
  app.post([SUCCESSOR_PATH, LEGACY_PATH], admitOrders({ pending, retryAfterSeconds }));
  app.use(readJsonBody({ limitBytes: bodyLimitBytes }));
  // Where the validator checks v2's credentials: after the body is read, before it is validated.
  app.post(LEGACY_PATH, guardLegacyPath);
  app.use(
    OpenApiValidator.middleware({
      // The document already parsed above, not the file: read and parsed once.
      apiSpec: withOrderBodiesLeftToTheOrderContract(contract.document) as unknown as OpenAPIV3.DocumentV3,
      validateRequests: { allErrors: true },
      validateResponses,
      validateFormats: true,
      validateSecurity,
      // No operation takes multipart bodies: without this the validator runs multer's check on every request.
      fileUploader: false,
    }),
  );
  const recentOrders = idempotencyStore ?? createIdempotencyWindow({ ttlMs: idempotency.windowMs, maxEntries: idempotency.maxOrders });
  app.use(createOperationsRoutes({ publisher, recentOrders, contract, retryAfterSeconds }));
  app.use(createOrderRoutes({ publisher, recentOrders, orders }));
  app.use(function notFound(req) {
    throw new ApiError(404, `No operation at ${req.method} ${req.path}.`);
  });
  app.use(createErrorHandler({ logger, retryAfterSeconds, bodyLimitBytes }));
  return app;
}
