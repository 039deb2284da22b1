/**
 * The child side of a target process: start the server, tell the harness
 * its URL over IPC, and on "stop" shut down and exit normally (so that
 * `--cpu-prof` gets to write its profile).
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningTarget {
  url: string;
  stop(): Promise<void>;
}

export type TargetMessage = { type: 'ready'; url: string } | { type: 'failed'; message: string };

/** Listens on an ephemeral loopback port and returns the URL and a stop function. */
export async function listenOnLoopback(listen: (port: number, host: string) => Server): Promise<RunningTarget> {
  const server = listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function serveTarget(start: () => Promise<RunningTarget>): void {
  const send = (message: TargetMessage) => process.send?.(message);
  // A harness that died must not leave targets behind.
  process.on('disconnect', () => process.exit(0));
  start().then(
    (running) => {
      process.on('message', (message: { type?: string }) => {
        if (message.type === 'stop') void running.stop().finally(() => process.exit(0));
      });
      send({ type: 'ready', url: running.url });
    },
    (err: unknown) => {
      send({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      process.exit(1);
    },
  );
}
