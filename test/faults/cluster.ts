/**
 * A 3-node KRaft cluster on loopback started with scripts/kafka/cluster-start.sh
 * (every node broker and controller, replication factor 3, min.insync.replicas 2),
 * and the lookup of a partition's leader so a scenario can kill it.
 */
import { join } from 'node:path';
import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import { brokerPid, kafkaScript, keepBrokerLog, killBroker, untilPortsFree } from './broker.js';

export interface ClusterNode {
  nodeId: number;
  port: number;
  dataDir: string;
}

export interface LocalCluster {
  bootstrap: string;
  nodes: ClusterNode[];
  start(): Promise<void>;
  /** SIGKILLs one node; resolves with its pid. */
  kill(nodeId: number): Promise<number>;
  isAlive(nodeId: number): boolean;
  keepLogs(prefix: string): void;
  /** Stops every node and deletes the cluster folder. */
  wipe(): Promise<void>;
}

/**
 * Node i listens on `basePort + i - 1`, its controller on `controllerBasePort + i - 1`.
 *
 * @example
 * const cluster = localCluster({ size: 3, basePort: 23094, controllerBasePort: 23097, dir });
 */
export function localCluster({
  size = 3,
  basePort,
  controllerBasePort,
  dir,
  extraConfig = '',
}: {
  size?: number;
  basePort: number;
  controllerBasePort: number;
  dir: string;
  /** server.properties lines added on every node (start.sh's KAFKA_EXTRA_CONFIG). */
  extraConfig?: string;
}): LocalCluster {
  const env = {
    KAFKA_PORT: String(basePort),
    KAFKA_CONTROLLER_PORT: String(controllerBasePort),
    KAFKA_CLUSTER_DIR: dir,
    KAFKA_EXTRA_CONFIG: extraConfig,
  };
  const nodes = Array.from({ length: size }, (_, i) => ({ nodeId: i + 1, port: basePort + i, dataDir: join(dir, String(basePort + i)) }));
  const node = (nodeId: number): ClusterNode => {
    const found = nodes.find((candidate) => candidate.nodeId === nodeId);
    if (!found) throw new Error(`no node ${nodeId} in this cluster`);
    return found;
  };
  return {
    bootstrap: nodes.map(({ port }) => `127.0.0.1:${port}`).join(','),
    nodes,
    async start() {
      await untilPortsFree(nodes.flatMap(({ nodeId, port }) => [port, controllerBasePort + nodeId - 1]));
      await kafkaScript('cluster-start.sh', env, [String(size)]);
    },
    kill: (nodeId) => killBroker(node(nodeId).dataDir),
    isAlive: (nodeId) => brokerPid(node(nodeId).dataDir) !== undefined,
    keepLogs(prefix) {
      for (const { nodeId, dataDir } of nodes) keepBrokerLog(dataDir, `${prefix}-node${nodeId}.log`);
    },
    wipe: () => kafkaScript('cluster-stop.sh', { ...env, KAFKA_STOP_TIMEOUT: '10' }, [String(size), '--wipe']),
  };
}

export interface PartitionLayout {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

async function withAdmin<T>(bootstrap: string, use: (admin: Admin) => Promise<T>): Promise<T> {
  const kafka = new Kafka({ clientId: 'faults-layout', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * The topic's partitions with their leader, replicas and in-sync replicas.
 *
 * @example
 * const [first] = await topicLayout(cluster.bootstrap, topic);
 * await cluster.kill(first.leader);
 */
export function topicLayout(bootstrap: string, topic: string): Promise<PartitionLayout[]> {
  return withAdmin(bootstrap, async (admin) => {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return (topics[0]?.partitions ?? [])
      .map(({ partitionId, leader, replicas, isr }) => ({ partition: partitionId, leader, replicas, isr }))
      .sort((a, b) => a.partition - b.partition);
  });
}

/** The topic's effective `min.insync.replicas` (its own, or the brokers' default). */
export function topicMinInsyncReplicas(bootstrap: string, topic: string): Promise<number> {
  return withAdmin(bootstrap, async (admin) => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
    });
    return Number(resources[0]?.configEntries[0]?.configValue);
  });
}
