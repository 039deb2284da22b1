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

/** Resolves when this child (not some other process on the port) says it listens; rejects if it exits. */
function untilListening(child: ChildProcess, log: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`prism did not start within 60 s:\n${log()}`)), 60_000);
    const onOutput = () => {
      if (/Prism is listening/.test(log())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`prism exited with ${code}:\n${log()}`));
    });
  });
}

/**
 * @example
 * const mock = await startPrism(['mock', BUNDLED_CONTRACT]);
 * const proxy = await startPrism(['proxy', BUNDLED_CONTRACT, apiUrl, '--errors']);
 */
export async function startPrism(args: string[], attempts = 3): Promise<RunningPrism> {
  try {
    return await startPrismOnce(args);
  } catch (error) {
    // Another process may take the free port between our check and Prism's bind.
    if (attempts <= 1 || !String(error).includes('EADDRINUSE')) throw error;
    return startPrism(args, attempts - 1);
  }
}

async function startPrismOnce(args: string[]): Promise<RunningPrism> {
  const port = await freePort();
  const child = spawn(PRISM, [...args, '--host', '127.0.0.1', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await untilListening(child, () => output);
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
