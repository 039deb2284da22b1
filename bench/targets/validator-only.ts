/**
 * (v) What the contract costs by itself: Express with express-openapi-validator
 * on the same bundled contract, with the same options and the same security
 * scheme (the `X-API-Key` check) as the service, and a no-op 202 handler.
 * Nothing else: no logging, metrics, order event or publisher. The service's
 * own cost is what (c) spends beyond this.
 */
import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { loadConfig } from '../../src/config.js';
import { loadContract } from '../../src/contract.js';
import { createAuth } from '../../src/http/auth.js';
import { ORDER_PATH } from '../order-body.js';
import { listenOnLoopback, serveTarget } from './serve-target.js';

serveTarget(async () => {
  const config = loadConfig();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: config.bodyLimitBytes }));
  app.use(
    OpenApiValidator.middleware({
      apiSpec: loadContract().path,
      validateRequests: { allErrors: true },
      validateResponses: false,
      validateFormats: true,
      validateSecurity: createAuth(config.auth).validateSecurity,
      fileUploader: false,
    }),
  );
  app.post(ORDER_PATH, function accept(_req, res) {
    res.status(202).end();
  });
  return listenOnLoopback((port, host) => app.listen(port, host));
});
