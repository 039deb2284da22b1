/**
 * The rendered contracts that `npm run docs` writes to `docs/api/`, served
 * as static pages: the HTTP API at `/docs/`, the Kafka records at
 * `/docs/events.html`. Mounted before the OpenAPI validator, which would
 * reject these undocumented paths.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { packageRoot } from '../contract.js';
import { ApiError } from './api-error.js';

/** Where `npm run docs` writes: `docs/api/` in the package root. */
export const builtDocsDir = (): string => join(packageRoot(), 'docs', 'api');

/**
 * @example
 * app.use('/docs', createDocsRoutes({ dir: builtDocsDir() }));
 */
export function createDocsRoutes({ dir }: { dir: string }): Router {
  return Router()
    .use(function docsBuilt(_req, _res, next) {
      // Checked per request, so docs built after start-up are served at once.
      if (!existsSync(join(dir, 'index.html'))) throw new ApiError(404, 'The docs are not built: run `npm run docs`.');
      next();
    })
    // `redirect` sends /docs to /docs/, so the pages' relative links resolve.
    .use(express.static(dir, { index: 'index.html', redirect: true, fallthrough: true }))
    .use(function docsNotFound(req) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new ApiError(405, `The docs are read-only: ${req.method} is not allowed.`, { headers: { Allow: 'GET, HEAD' } });
      }
      throw new ApiError(404, `No docs page at ${req.baseUrl}${req.path}.`);
    });
}
