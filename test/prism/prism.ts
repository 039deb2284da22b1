/**
 * Runs Prism (the pinned @stoplight/prism-cli) as a child process on a free
 * loopback port, against the bundled contract.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const BUNDLED_CONTRACT = fileURLToPath(new URL('../../generated/openapi.yaml', import.meta.url));
const PRISM = fileURLToPath(new URL('../../node_modules/.bin/prism', import.meta.url));

export interface RunningPrism {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function untilListening(child: ChildProcess, url: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode}:\n${log()}`);
    const up = await fetch(`${url}/health`).then(() => true, () => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`prism did not start within 60 s:\n${log()}`);
}

/**
 * @example
 * const mock = await startPrism(['mock', BUNDLED_CONTRACT]);
 * const proxy = await startPrism(['proxy', BUNDLED_CONTRACT, apiUrl, '--errors']);
 */
export async function startPrism(args: string[]): Promise<RunningPrism> {
  const port = await freePort();
  const child = spawn(PRISM, [...args, '--host', '127.0.0.1', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await untilListening(child, url, () => output);
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
