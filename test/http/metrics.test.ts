import { describe, expect, it } from 'vitest';
import { useTestServer } from './test-server.js';

const PATH = '/api/v2/orders/computers';
const ORDER = { created_by: 'USER14', equipment: ['KEYBOARD'] };
const server = useTestServer();

async function scrape(): Promise<string> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** The value of one series, or 0 while it does not exist yet. */
function valueOf(metrics: string, series: string): number {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

const accepted = `method="POST",route="${PATH}",status="202"`;
const rejected = `method="POST",route="${PATH}",status="400"`;

describe('GET /metrics', () => {
  it('serves every documented series in the Prometheus text format', async () => {
    const metrics = await scrape();
    for (const name of [
      'http_requests_total',
      'http_request_duration_seconds',
      'orders_publish_duration_seconds',
      'kafka_send_duration_seconds',
      'kafka_send_batch_size',
      'kafka_broker_errors_total',
      'orders_publishes_in_flight',
      'kafka_producer_connected',
      'orders_rejected_overload_total',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(metrics).toContain(`# TYPE ${name} `);
    }
  });

  it('counts requests by route and status, and times them', async () => {
    const before = await scrape();
    await server.post(PATH, ORDER);
    await server.post(PATH, ORDER);
    await server.post(PATH, { ...ORDER, equipment: ['PRINTER'] });
    const after = await scrape();
    expect(valueOf(after, `http_requests_total{${accepted}}`) - valueOf(before, `http_requests_total{${accepted}}`)).toBe(2);
    expect(valueOf(after, `http_requests_total{${rejected}}`) - valueOf(before, `http_requests_total{${rejected}}`)).toBe(1);
    const count = `http_request_duration_seconds_count{${accepted}}`;
    expect(valueOf(after, count) - valueOf(before, count)).toBe(2);
    expect(valueOf(after, `http_request_duration_seconds_sum{${accepted}}`)).toBeGreaterThan(0);
  });

  it('labels an unknown path "unmatched", never with the raw URL', async () => {
    await fetch(`${server.url}/api/v2/orders/printers?secret=1`);
    const metrics = await scrape();
    expect(metrics).toContain('http_requests_total{method="GET",route="unmatched",status="404"}');
    expect(metrics).not.toContain('printers');
  });

  it('answers 405 to a POST', async () => {
    const response = await fetch(`${server.url}/metrics`, { method: 'POST' });
    expect(response.status).toBe(405);
  });
});
