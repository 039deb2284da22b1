/**
 * Builds the Express app from its collaborators. It never listens: see
 * `server.ts` for that.
 */
import express, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { loadContract } from './contract.js';
import type { OrderPublisher } from './orders/order-publisher.js';
import { ApiError } from './http/api-error.js';
import { LEGACY_PATH, markDeprecated } from './http/deprecation.js';
import { createErrorHandler } from './http/error-handler.js';
import { createOperationsRoutes } from './http/operations-routes.js';
import { createOrderRoutes } from './http/orders-routes.js';
import { requestIdOf } from './http/request-id.js';

export interface AppOptions {
  publisher: OrderPublisher;
  logger: Logger;
  bodyLimitBytes: number;
  retryAfterSeconds: number;
  /** Validate responses against the contract too (tests turn this on). */
  validateResponses?: boolean;
}

/**
 * @example
 * const app = buildApp({ publisher, logger, bodyLimitBytes: 16384, retryAfterSeconds: 5 });
 * app.listen(8080);
 */
export function buildApp({ publisher, logger, bodyLimitBytes, retryAfterSeconds, validateResponses = false }: AppOptions): Express {
  const contract = loadContract();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(pinoHttp({ logger, genReqId: requestIdOf, customProps: (req) => ({ route: (req as express.Request).route?.path as string | undefined }) }));
  app.use(LEGACY_PATH, markDeprecated);
  app.use(express.json({ limit: bodyLimitBytes, type: 'application/json', strict: true }));
  app.use(
    OpenApiValidator.middleware({
      apiSpec: contract.path,
      validateRequests: { allErrors: true },
      validateResponses,
      validateFormats: true,
    }),
  );
  app.use(createOperationsRoutes({ publisher, contract, retryAfterSeconds }));
  app.use(createOrderRoutes({ publisher }));
  app.use(function notFound(req) {
    throw new ApiError(404, `No operation at ${req.method} ${req.path}.`);
  });
  app.use(createErrorHandler({ logger, retryAfterSeconds, bodyLimitBytes }));
  return app;
}
