import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes, type Admin } from 'kafkajs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { KafkaStartupError } from '../../src/kafka/kafka-startup-error.js';
import { startService, type RunningService } from '../../src/service.js';
import { readTopic, readWholeTopic } from './kafka-reader.js';
import { otherCa, startSecuredBroker, type Principal, type SecuredBroker } from './secured-broker.js';
import { INTEGRATION_API_KEY, postOrder } from './service-harness.js';

const TOPIC = 'computers';
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
let broker: SecuredBroker;
let admin: Admin;
let service: RunningService | undefined;
const logLines: string[] = [];

const order = (id: string) => ({ id, created_by: 'USER14', equipment: ['MOUSE'] });
const topicAcl = (operation: AclOperationTypes) => ({
  resourceType: AclResourceTypes.TOPIC,
  resourceName: TOPIC,
  resourcePatternType: ResourcePatternTypes.LITERAL,
  principal: 'User:api',
  host: '*',
  operation,
  permissionType: AclPermissionTypes.ALLOW,
});

function serviceConfig(principal: Principal, env: Record<string, string> = {}) {
  return loadConfig({ ...broker.env(principal), PORT: '0', GRPC_PORT: '0', API_KEYS: INTEGRATION_API_KEY, KAFKA_CONNECTION_TIMEOUT_MS: '3000', ...env });
}

// kafkajs' enums are plain objects at run time, without TypeScript's reverse mapping.
const nameOf = (values: object, code: number) => Object.entries(values).find(([, value]) => value === code)?.[0];

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}

beforeAll(async () => {
  broker = await startSecuredBroker();
  admin = await broker.admin();
}, 300_000);
afterAll(async () => {
  await service?.stop();
  await admin?.disconnect();
  await broker?.stop();
}, 120_000);

describe('the API against a SASL_SSL broker whose ACLs deny by default', () => {
  it('holds exactly Write on the topic (KAFKA_CREATE_TOPIC=false), nothing on the cluster: Write implies Describe', async () => {
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal: 'User:api',
      host: '*',
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    const granted = resources.flatMap((resource) =>
      resource.acls.map((acl) => [nameOf(AclResourceTypes, resource.resourceType), resource.resourceName, nameOf(AclOperationTypes, acl.operation), nameOf(AclPermissionTypes, acl.permissionType)].join(':')),
    );
    expect(granted).toEqual(['TOPIC:computers:WRITE:ALLOW']);
  });

  it('starts without the topic, answers /ready 503 naming it, and turns ready once an operator creates it', async () => {
    service = await startService({ config: serviceConfig('api'), logger: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }) });
    const before = await fetch(`${service.url}/ready`);
    expect(before.status).toBe(503);
    expect(((await before.json()) as { detail: string }).detail).toMatch(/^topic "computers" does not exist/);

    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 1 }] });
    expect(await until(async () => (await fetch(`${service!.url}/ready`)).status === 200, 20_000)).toBe(true);
  });

  it('publishes over SASL_SSL with only those ACLs, and the reader principal reads the record back', async () => {
    expect((await postOrder(service!.url, '/api/v2/orders/computers', order('secured-1'))).status).toBe(202);
    const records = await readTopic(broker.brokers, TOPIC, 1, 20_000, broker.security('reader'));
    expect(records.map((record) => record.key)).toEqual(['secured-1']);
    expect(JSON.parse(records[0]!.value)).toMatchObject({ order_id: 'secured-1', created_by: 'USER14' });
  });

  it("refuses the reader principal's produce, and nothing is written", async () => {
    const producer = new Kafka({ clientId: 'reader-writes', brokers: [broker.brokers], logLevel: logLevel.NOTHING, ...broker.security('reader') }).producer();
    await producer.connect();
    const refused = await producer.send({ topic: TOPIC, messages: [{ key: 'forged-1', value: '{}' }] }).then(
      () => undefined,
      (err: unknown) => err,
    );
    await producer.disconnect();
    expect(refused).toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    const { records } = await readWholeTopic(broker.brokers, TOPIC, { quietMs: 1000, timeoutMs: 20_000, security: broker.security('reader') });
    expect(records.map((record) => record.key)).toEqual(['secured-1']);
  });

  it('answers 500 with a generic problem, logs and counts it, when Write is revoked at run time; /ready and a fresh start say so', async () => {
    await admin.deleteAcls({ filters: [topicAcl(AclOperationTypes.WRITE)] });
    try {
      const response = await postOrder(service!.url, '/api/v2/orders/computers', order('denied-1'));
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('retry-after')).toBeNull();
      const body = await response.text();
      expect(body).toContain('The order could not be published.');
      expect(body).not.toMatch(/AUTHORIZATION|127\.0\.0\.1|kafka/i);
      expect(logLines.join('\n')).toMatch(/publish denied by Kafka \(TOPIC_AUTHORIZATION_FAILED\)/);
      expect(await (await fetch(`${service!.url}/metrics`)).text()).toMatch(/kafka_broker_errors_total\{kind="unauthorized"\} [1-9]/);
      // Without Write the principal has no Describe either: the probe and a fresh start are refused.
      const notAllowed = async () => {
        const ready = await fetch(`${service!.url}/ready`);
        return ready.status === 503 && ((await ready.json()) as { detail: string }).detail.startsWith('not allowed to describe topic "computers"');
      };
      expect(await until(notAllowed, 10_000)).toBe(true);
      await expect(startService({ config: serviceConfig('api'), logger: pino({ level: 'silent' }) })).rejects.toThrow(
        'Kafka denied User:api Describe on topic "computers" (TOPIC_AUTHORIZATION_FAILED): grant Write on topic "computers" (it implies Describe)',
      );
    } finally {
      await admin.createAcls({ acl: [topicAcl(AclOperationTypes.WRITE)] });
    }
  });

});

describe('start-up against the secured broker', () => {
  it('exits 1 with a wrong password, naming the setting, never the password', async () => {
    const wrong = 'wrong-password-7f3a9c1e';
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...broker.env('api'), KAFKA_SASL_PASSWORD: wrong, PORT: '0', GRPC_PORT: '0', API_KEYS: INTEGRATION_API_KEY, KAFKA_CONNECTION_TIMEOUT_MS: '3000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('cannot start: Kafka authentication failed for KAFKA_SASL_USERNAME \\"api\\" with SCRAM-SHA-512: check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD');
    expect(output).not.toContain(wrong);
    expect(output).not.toContain(broker.env('api').KAFKA_SASL_PASSWORD);
  }, 60_000);

  it('starts with KAFKA_CREATE_TOPIC=true (the default) when its principal may not create topics', async () => {
    const second = await startService({ config: serviceConfig('api', { KAFKA_CREATE_TOPIC: 'true' }), logger: pino({ level: 'silent' }) });
    try {
      expect((await fetch(`${second.url}/ready`)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('refuses a broker whose certificate another CA signed', async () => {
    const started = startService({ config: serviceConfig('api', { KAFKA_SSL_CA_FILE: await otherCa(broker.secureDir) }), logger: pino({ level: 'silent' }) });
    await expect(started).rejects.toThrow(KafkaStartupError);
    await expect(started).rejects.toThrow(/^Kafka's TLS certificate was not accepted \([A-Z_]+\): it is not signed by the CA in KAFKA_SSL_CA_FILE/);
  });

  it('names the operation, the resource and the principal an ACL denied (the reader may not write)', async () => {
    const started = startService({ config: serviceConfig('reader'), logger: pino({ level: 'silent' }) });
    await expect(started).rejects.toThrow(KafkaStartupError);
    await expect(started).rejects.toThrow('Kafka denied User:reader InitProducerId on the cluster (CLUSTER_AUTHORIZATION_FAILED): grant Write on topic "computers"');
  });
});
