/**
 * drainHttpServer on a real socket: what a keep-alive client sees when the
 * server stops (the SIGTERM path of src/service.ts).
 */
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse, Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, drainHttpServer, DRAIN_GRACE_MS } from '../../src/http/http-server.js';

const limits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000, maxConnections: 100 };

/** Answers `/slow` only once `release()` is called (`slowArrived` resolves when it came), anything else at once. */
async function startServer() {
  let release = () => {};
  let arrived = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
  const server = createHttpServer(function handler(req: IncomingMessage, res: ServerResponse) {
    const answer = () => res.end('ok');
    if (req.url === '/slow') {
      arrived();
      void held.then(answer);
    } else answer();
  }, limits).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, release, slowArrived };
}

/** A raw keep-alive connection that reads one whole answer per request. */
async function openConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let buffer = '';
  let waiting: (() => void) | undefined;
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    waiting?.();
  });
  const ended = new Promise<'ended'>((resolve) => socket.on('close', () => resolve('ended')));
  return {
    ended,
    send(path: string): void {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: test\r\n\r\n`);
    },
    /** The next answer's head (lower-cased) once its 2-byte body `ok` arrived. */
    async answer(): Promise<string> {
      while (!/\r\n\r\nok/.test(buffer)) {
        const more = new Promise<void>((resolve) => (waiting = resolve));
        if ((await Promise.race([more, ended])) === 'ended') throw new Error(`closed without an answer (read ${JSON.stringify(buffer)})`);
      }
      const end = buffer.indexOf('\r\n\r\nok');
      const head = buffer.slice(0, end).toLowerCase();
      buffer = buffer.slice(end + 6);
      return head;
    },
  };
}

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

describe('drainHttpServer', () => {
  it('answers a request sent on an idle keep-alive connection after the drain began, with Connection: close', async () => {
    const started = await startServer();
    server = started.server;
    const client = await openConnection(started.port);
    client.send('/');
    expect(await client.answer()).toContain('connection: keep-alive');

    const drained = drainHttpServer(server);
    // The client did not know yet: its next request goes out on the same socket.
    client.send('/');
    const head = await client.answer();
    expect(head).toMatch(/^http\/1\.1 200/);
    expect(head).toContain('connection: close');
    expect(await client.ended).toBe('ended');
    await drained;
    expect(server.listening).toBe(false);
  });

  it('refuses new connections from the start of the drain, and closes one that never sent a request once the grace is over', async () => {
    const started = await startServer();
    server = started.server;
    const client = await openConnection(started.port);
    const drained = drainHttpServer(server, { graceMs: 50 });
    const refused = connect(started.port, '127.0.0.1');
    const [err] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    expect(err.code).toBe('ECONNREFUSED');
    expect(await client.ended).toBe('ended');
    await drained;
  });

  it('finishes a request under way, and closes a connection that stayed idle once the grace is over', async () => {
    const started = await startServer();
    server = started.server;
    const busy = await openConnection(started.port);
    const idle = await openConnection(started.port);
    idle.send('/');
    await idle.answer();
    busy.send('/slow');
    await started.slowArrived;

    let drainedAt = 0;
    const graceMs = 100;
    const began = Date.now();
    const drained = drainHttpServer(server, { graceMs }).then(() => (drainedAt = Date.now()));
    expect(await idle.ended).toBe('ended');
    expect(Date.now() - began).toBeGreaterThanOrEqual(graceMs - 5);
    expect(drainedAt, 'not drained while a request is under way').toBe(0);

    started.release();
    expect(await busy.answer()).toMatch(/^http\/1\.1 200/);
    expect(await busy.ended).toBe('ended');
    await drained;
    expect(drainedAt).toBeGreaterThan(0);
  });

  it('is described with its grace in the README and docs/RELIABILITY.md', () => {
    for (const doc of ['README.md', 'docs/RELIABILITY.md']) {
      expect(readFileSync(doc, 'utf8'), doc).toMatch(new RegExp(`for\\s+${DRAIN_GRACE_MS} ms, answered|for\\s+${DRAIN_GRACE_MS} ms, every answer`));
    }
  });
});
