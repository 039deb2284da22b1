/**
 * Starts and stops local brokers with the project's own scripts
 * (`scripts/kafka/start.sh`, `stop.sh`), each on its own loopback port and
 * data folder.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const scripts = fileURLToPath(new URL('../../scripts/kafka/', import.meta.url));

function kafkaEnv(port: number): NodeJS.ProcessEnv {
  return { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1), KAFKA_START_TIMEOUT: '120' };
}

export async function startBroker(port: number): Promise<string> {
  await run('bash', [`${scripts}start.sh`], { env: kafkaEnv(port), timeout: 600_000 });
  return `127.0.0.1:${port}`;
}

export async function stopBroker(port: number, { wipe = false } = {}): Promise<void> {
  await run('bash', [`${scripts}stop.sh`, ...(wipe ? ['--wipe'] : [])], { env: kafkaEnv(port), timeout: 120_000 });
}
