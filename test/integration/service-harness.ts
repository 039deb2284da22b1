/**
 * Starts the real service (Kafka producer included) on an ephemeral port
 * against a given broker and topic. Nothing is faked.
 */
import { pino, type Logger } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startService, type RunningService } from '../../src/service.js';

export const INTEGRATION_API_KEY = 'integration-key-0123456789';

export function startRealService(
  brokers: string,
  topic: string,
  env: Record<string, string> = {},
  logger: Logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
): Promise<RunningService> {
  const config = loadConfig({
    PORT: '0',
    GRPC_PORT: '0',
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC: topic,
    KAFKA_TOPIC_PARTITIONS: '3',
    API_KEYS: INTEGRATION_API_KEY,
    ...env,
  });
  return startService({ config, logger, validateResponses: true });
}

export function postOrder(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': INTEGRATION_API_KEY, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
