/**
 * Debian's headless Chromium, driven by playwright-core, with a fresh
 * profile per launch and a log of every request its pages make.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';

/** Debian's package; CHROMIUM_PATH names another build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Whether the browser tests can run, must run (CI), or are skipped here. */
export function chromiumStatus(): 'present' | 'missing-required' | 'missing' {
  if (existsSync(CHROMIUM_PATH)) return 'present';
  return process.env.REQUIRE_BROWSER === '1' ? 'missing-required' : 'missing';
}

export const MISSING_CHROMIUM = `${CHROMIUM_PATH} is missing: install it with \`apt-get install -y chromium\`.`;

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * @example
 * const browser = await launchChromium();
 * const page = await browser.context.newPage();
 * await browser.close();
 */
export async function launchChromium(): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'docs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    // No sandbox: CI runs as root. The rest keeps Chromium itself from
    // calling home, so that the request log shows only what the page does.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

/** Loopback (127.0.0.0/8, localhost, ::1) or no network at all (data:, blob:). */
export function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (LOCAL_SCHEMES.has(protocol)) return true;
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export interface RequestLog {
  requests: Request[];
  /** Requests to other hosts that the page's Content-Security-Policy did not stop. */
  escaped(): string[];
  /** Requests to other hosts that the page's Content-Security-Policy stopped. */
  blocked(): Array<{ url: string; type: string }>;
}

/** Records every request the page makes, from now on. */
export function recordRequests(page: Page): RequestLog {
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  const outside = () => requests.filter((request) => !isLocal(request.url()));
  // Chromium reports a request that the CSP refused before it was sent as failed with "csp".
  const stoppedByCsp = (request: Request) => request.failure()?.errorText === 'csp';
  return {
    requests,
    escaped: () => outside().filter((request) => !stoppedByCsp(request)).map((request) => request.url()),
    blocked: () => outside().filter(stoppedByCsp).map((request) => ({ url: request.url(), type: request.resourceType() })),
  };
}
