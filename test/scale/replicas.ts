/**
 * Three (or n) real API processes sharing one topic and one Redis, behind
 * HAProxy: the deployment the scale-out tests hold to the service's promises.
 */
import { newApiKey, startApi, type ApiProcess } from '../faults/api-process.js';
import { startHaproxy, type Balancer } from './haproxy.js';

export interface ReplicaSet {
  apiKey: string;
  topic: string;
  replicas: ApiProcess[];
  balancer: Balancer;
  stop(): Promise<void>;
}

/**
 * Replica i listens on `basePort + i`, HAProxy on `basePort`, its stats on `basePort + 9`.
 *
 * @example
 * const set = await startReplicaSet({ name: 'scale-retries', basePort: 26100, brokers, redis });
 */
export async function startReplicaSet({
  name,
  basePort,
  brokers,
  redis,
  count = 3,
  env = {},
}: {
  name: string;
  basePort: number;
  brokers: string;
  redis: { url: string; passwordFile: string };
  count?: number;
  env?: Record<string, string>;
}): Promise<ReplicaSet> {
  const apiKey = newApiKey();
  const topic = `${name}-${Date.now()}`;
  const ports = Array.from({ length: count }, (_, index) => basePort + 1 + index);
  const start = (port: number, index: number) =>
    startApi({
      port,
      brokers,
      topic,
      apiKey,
      logName: `${name}-replica${index + 1}.log`,
      // 2 s: on a 2-core machine running three replicas, HAProxy, Kafka and the load, a 1 s command can time out.
      env: { IDEMPOTENCY_STORE_URL: redis.url, IDEMPOTENCY_STORE_PASSWORD_FILE: redis.passwordFile, IDEMPOTENCY_STORE_TIMEOUT_MS: '2000', ...env },
    });
  // The first creates the topic; the others then find it.
  const replicas = [await start(ports[0]!, 0)];
  replicas.push(...(await Promise.all(ports.slice(1).map((port, index) => start(port, index + 1)))));
  const balancer = await startHaproxy({ port: basePort, statsPort: basePort + 9, backends: ports, name }).catch(async (err: unknown) => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    throw err;
  });
  return {
    apiKey,
    topic,
    replicas,
    balancer,
    async stop() {
      await balancer.stop();
      await Promise.all(replicas.map((replica) => replica.stop()));
    },
  };
}
