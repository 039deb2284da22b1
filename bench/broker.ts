/**
 * The harness' own Kafka broker, started and stopped with the repository's
 * scripts on a port of its own (21092 by default), never the ports the
 * tests or CI use.
 */
import { execFileSync } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { fileURLToPath } from 'node:url';

export interface Broker {
  brokers: string;
  version: string;
  /** The broker's JVM, to account for its CPU. */
  pid: number | undefined;
  /** Creates the topic the targets publish to, as the service would (3 partitions), so (d) can run alone. */
  createTopic(topic: string): Promise<void>;
  stop(): void;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function script(name: string, port: number, args: string[] = []): string {
  return execFileSync('bash', [`scripts/kafka/${name}`, ...args], {
    cwd: ROOT,
    env: { ...process.env, KAFKA_PORT: String(port) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * @example
 * const broker = startBroker(21092);
 * try { ... } finally { broker.stop(); }
 */
export function startBroker(port: number): Broker {
  const output = script('start.sh', port);
  process.stdout.write(output);
  // A broker left running by an interrupted run is reused, and left to whoever started it.
  const startedHere = !output.includes('already running');
  return {
    brokers: `127.0.0.1:${port}`,
    version: /broker (\S+) ready/.exec(output)?.[1] ?? process.env.KAFKA_VERSION ?? '4.1.1',
    pid: Number(/\(pid (\d+)/.exec(output)?.[1]) || undefined,
    async createTopic(topic) {
      const admin = new Kafka({ clientId: 'bench', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
      } finally {
        await admin.disconnect();
      }
    },
    stop() {
      if (startedHere) process.stdout.write(script('stop.sh', port, ['--wipe']));
    },
  };
}
