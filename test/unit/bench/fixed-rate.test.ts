/**
 * The bench's open-loop steps record only what is due after their warm-up,
 * which runs at the same rate on the same connections.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFixedRate } from '../../../bench/load/fixed-rate.js';

describe('runFixedRate', () => {
  let received = 0;
  const connections = new Set<unknown>();
  const server = createServer((req, res) => {
    received++;
    connections.add(req.socket);
    req.resume();
    req.on('end', () => res.writeHead(202).end());
  });
  let url = '';

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the warm-up at the same rate but records only the measured requests', async () => {
    const result = await runFixedRate({ url, rate: 100, seconds: 0.3, warmupSeconds: 0.2 });

    expect(result.requests).toBe(30);
    expect(result.ok).toBe(30);
    expect(received).toBe(50);
    // Kept-alive connections: the measured requests reuse the warm-up's instead of opening their own.
    expect(connections.size).toBeLessThan(received);
  });
});
