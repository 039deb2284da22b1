/**
 * `/docs` over HTTP: the pages `npm run docs` built (pretest runs it), and
 * what they may reference. What they look like in a browser is in
 * test/browser/docs.test.ts.
 */
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createRecordingPublisher } from './recording-publisher.js';
import { BODY_LIMIT_BYTES, RETRY_AFTER_SECONDS, expectProblem, startTestServer, type TestServer } from './test-server.js';

const PAGES = ['index.html', 'events.html'];

describe('GET /docs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('redirects to /docs/, so that relative links resolve', async () => {
    const response = await fetch(`${server.url}/docs`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/docs/');
  });

  it('serves the API reference at /docs/', async () => {
    const response = await fetch(`${server.url}/docs/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<title>Computer Orders API</title>');
  });

  it('serves the event contract at /docs/events.html', async () => {
    const response = await fetch(`${server.url}/docs/events.html`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Computer Orders Events</title>');
  });

  it('returns 404 for a page that does not exist', async () => {
    const problem = await expectProblem(await fetch(`${server.url}/docs/nope.html`), 404);
    expect(problem.detail).toBe('No docs page at /docs/nope.html.');
  });

  it('returns 405 with Allow for a write', async () => {
    const response = await fetch(`${server.url}/docs/`, { method: 'POST' });
    await expectProblem(response, 405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('GET /docs before `npm run docs`', () => {
  it('returns 404 saying how to build the docs', async () => {
    const emptyDir = await mkdtemp(join(tmpdir(), 'no-docs-'));
    const app = buildApp({
      publisher: createRecordingPublisher(),
      logger: pino({ level: 'silent' }),
      bodyLimitBytes: BODY_LIMIT_BYTES,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      docsDir: emptyDir,
    });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/docs/`);
      const problem = await expectProblem(response, 404);
      expect(problem.detail).toContain('npm run docs');
    } finally {
      server.close();
      await rm(emptyDir, { recursive: true });
    }
  });
});

describe('the built docs pages', () => {
  // What makes the browser fetch: src/href/srcset attributes, CSS url() and
  // @import, and ES module imports (Redoc's default build imports its bundle from a CDN).
  const FETCHING = [
    /<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\s(?:src|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//gi,
    /<link\b[^>]*\shref\s*=\s*["']?\s*(?:https?:)?\/\//gi,
    /url\(\s*["']?\s*(?:https?:)?\/\//gi,
    /@import\s+["']\s*(?:https?:)?\/\//gi,
    /\bimport\s*(?:[\w{}\s,*$]+\s*from\s*)?\(?\s*["'`]\s*(?:https?:)?\/\//g,
  ];

  it.each(PAGES)('%s loads no script, style, font or image from another host', async (page) => {
    const html = await readFile(join('docs', 'api', page), 'utf8');
    for (const pattern of FETCHING) expect(html.match(pattern) ?? [], String(pattern)).toEqual([]);
  });

  it.each(PAGES)('%s allows only itself, data: and blob: URLs (Content-Security-Policy)', async (page) => {
    const html = await readFile(join('docs', 'api', page), 'utf8');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toMatch(/https?:|\*/);
  });
});
