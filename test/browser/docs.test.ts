/**
 * The rendered docs as a person sees them: the real app in-process serves
 * `docs/api/` (built by `npm run docs`, which `pretest` runs) and headless
 * Chromium opens it. Screenshots land in test-results/browser/.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../http/test-server.js';
import { MISSING_CHROMIUM, chromiumStatus, launchChromium, recordRequests, type Chromium, type RequestLog } from './chromium.js';

const SCREENSHOTS = 'test-results/browser';
const status = chromiumStatus();
if (status === 'missing') console.warn(`Skipping the browser tests: ${MISSING_CHROMIUM} (REQUIRE_BROWSER=1 makes this a failure).`);

/** Waits until the text is on screen; fails naming it otherwise. */
async function see(page: Page, text: string | RegExp): Promise<void> {
  await visible(page, text).waitFor({ state: 'visible', timeout: 20_000 });
}

function visible(page: Page, text: string | RegExp) {
  return page.getByText(text, { exact: typeof text === 'string' }).filter({ visible: true }).first();
}

/** Scrolls the text to the top of the window and saves what the window shows. */
async function screenshotAt(page: Page, text: string | RegExp, name: string): Promise<void> {
  await visible(page, text).evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

/** Nothing reached a host other than this one; what the CSP stopped is only Redoc's attribution logo. */
function expectNothingFromOutside(log: RequestLog): void {
  expect(log.requests.length).toBeGreaterThan(0);
  expect(log.escaped(), 'requests that left this machine').toEqual([]);
  for (const { url, type } of log.blocked()) expect(type, `what the CSP stopped: ${url}`).toBe('image');
}

if (status === 'missing-required') {
  it('finds headless Chromium, as REQUIRE_BROWSER=1 demands', () => {
    expect.fail(`REQUIRE_BROWSER=1, but ${MISSING_CHROMIUM}`);
  });
}

describe.runIf(status === 'present')('GET /docs in headless Chromium', () => {
  let server: TestServer;
  let browser: Chromium;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    server = await startTestServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<{ page: Page; log: RequestLog; errors: Error[] }> {
    const page = await browser.context.newPage();
    const log = recordRequests(page);
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(server.url + path, { waitUntil: 'networkidle' });
    return { page, log, errors };
  }

  it('renders both order operations, the order schema and the Problem schema', async () => {
    const { page, log, errors } = await open('/docs');
    expect(new URL(page.url()).pathname).toBe('/docs/');
    expect(await page.title()).toBe('Computer Orders API');
    await see(page, 'Computer Orders API (2.0.0)');
    await page.screenshot({ path: `${SCREENSHOTS}/docs.png` });

    await page.getByText('Orders', { exact: true }).first().click();
    await see(page, 'Create a computer order (original path)');
    await page.getByRole('link', { name: /^Create a computer order\s*post$/i }).click();
    await see(page, 'Create a computer order');
    for (const field of ['created_by', 'equipment', 'created_at', '"KEYBOARD"']) await see(page, field);
    await page.screenshot({ path: `${SCREENSHOTS}/create-computer-order.png` });

    await page.getByRole('tab', { name: '400' }).first().click();
    await see(page, 'application/problem+json');
    for (const field of ['type', 'title', 'detail', 'instance', 'request_id', 'errors']) await see(page, field);
    await screenshotAt(page, /^The request does not match this contract/, 'problem');

    await page.getByRole('link', { name: /^Create a computer order \(original path\)/i }).click();
    await see(page, /^deprecated$/i);
    await see(page, /The original API's path/);
    await page.screenshot({ path: `${SCREENSHOTS}/create-legacy-computer-order.png` });

    expect(errors).toEqual([]);
    expectNothingFromOutside(log);
  });

  it('links to the event contract, which renders the record key, headers and payload', async () => {
    const { page, log, errors } = await open('/docs/');
    await page.getByRole('link', { name: 'event contract' }).click();
    await page.waitForURL(/\/docs\/events\.html$/);
    await page.waitForLoadState('networkidle');
    expect(await page.title()).toBe('Computer Orders Events');
    await see(page, 'Computer order created');
    for (const header of ['event-type', 'event-schema-version', 'request-id']) await see(page, header);
    for (const field of ['schema_version', 'event_id', 'order_id', 'received_at', 'source']) await see(page, field);
    await see(page, 'key');
    await see(page, 'Publish a computer order event');
    await page.screenshot({ path: `${SCREENSHOTS}/events.png` });
    await screenshotAt(page, 'Headers', 'events-record');

    expect(errors).toEqual([]);
    expectNothingFromOutside(log);
  });
});
