/**
 * The five response headers that the OWASP REST Security Cheat Sheet asks
 * of an API, set by helmet on every response: nothing may be sniffed,
 * framed, cached or referred, and no content may load anything. The rendered docs
 * are pages, so `/docs` gets the policy its template declares instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { packageRoot } from '../contract.js';

type Directives = Record<string, string[]>;

/** `"default-src 'self'; img-src data:"` to `{ 'default-src': ["'self'"], 'img-src': ['data:'] }`. */
function directivesOf(policy: string): Directives {
  const entries = policy
    .split(';')
    .map((directive) => directive.trim().split(/\s+/))
    .filter(([name]) => name)
    .map(([name = '', ...values]) => [name, values] as const);
  return Object.fromEntries(entries);
}

/** The policy in the docs template's `<meta http-equiv="Content-Security-Policy">`, so the page and the header agree. */
export function docsPolicy(template = join(packageRoot(), 'docs', 'templates', 'redoc.hbs')): Directives {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(template, 'utf8'));
  if (!meta?.[1]) throw new Error(`${template} declares no Content-Security-Policy`);
  return directivesOf(meta[1]);
}

/**
 * @example
 * app.use(securityHeaders());
 * app.use('/docs', docsSecurityPolicy(), createDocsRoutes({ dir }));
 */
export function securityHeaders(): RequestHandler[] {
  return [
    // The five the README promises and nothing else: the rest of helmet's defaults (HSTS on
    // plain HTTP, X-XSS-Protection, Origin-Agent-Cluster, the cross-origin policies...) speak to
    // browsers rendering pages, not to clients of an API, and were 9 more headers on every answer.
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } },
      referrerPolicy: { policy: 'no-referrer' },
      xContentTypeOptions: true,
      xFrameOptions: { action: 'deny' },
      crossOriginEmbedderPolicy: false,
      crossOriginOpenerPolicy: false,
      crossOriginResourcePolicy: false,
      originAgentCluster: false,
      strictTransportSecurity: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xPoweredBy: false,
      xXssProtection: false,
    }),
    // helmet leaves caching alone; an answer about one order is not to be kept by anyone on the way.
    function noStore(_req, res, next) {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
  ];
}

/** Replaces the API's policy on the docs pages with the template's own, framing still refused. */
export function docsSecurityPolicy(): RequestHandler {
  return helmet.contentSecurityPolicy({ useDefaults: false, directives: { ...docsPolicy(), 'frame-ancestors': ["'none'"] } });
}
