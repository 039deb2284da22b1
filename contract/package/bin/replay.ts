#!/usr/bin/env node
/**
 * computer-orders-replay: publishes the package's example records (or
 * record files of your own) to a topic on your broker, exactly as the
 * service publishes them (key, headers, value). Uses your kafkajs 2.x (an
 * optional peer dependency). The password comes from KAFKA_SASL_PASSWORD or
 * --sasl-password-file, never the command line, which other users can read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { KafkaConfig, Message, SASLOptions } from 'kafkajs';

const USAGE = `usage: computer-orders-replay --bootstrap-servers host:port[,host:port] --topic name
  [--security-protocol PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL] [--sasl-mechanism PLAIN|SCRAM-SHA-256|SCRAM-SHA-512]
  [--sasl-username name] [--sasl-password-file file (else KAFKA_SASL_PASSWORD)]
  [--ssl-ca-location ca.pem] [--ssl-certificate-location cert.pem --ssl-key-location key.pem] [record.json ...]`;
const RECORDS = join(dirname(fileURLToPath(import.meta.url)), '../../examples/records');
const MECHANISMS = { PLAIN: 'plain', 'SCRAM-SHA-256': 'scram-sha-256', 'SCRAM-SHA-512': 'scram-sha-512' } as const;

interface RecordFile {
  key: string;
  headers: Record<string, string>;
  value: string;
}

function fail(message: string): never {
  console.error(`computer-orders-replay: ${message}\n${USAGE}`);
  process.exit(2);
}

const { values: args, positionals: files } = parseArgs({
  allowPositionals: true,
  options: Object.fromEntries(
    ['bootstrap-servers', 'topic', 'security-protocol', 'sasl-mechanism', 'sasl-username', 'sasl-password-file', 'ssl-ca-location', 'ssl-certificate-location', 'ssl-key-location'].map((name) => [name, { type: 'string' as const }]),
  ),
});
const option = (name: string): string | undefined => args[name] as string | undefined;
const brokers = option('bootstrap-servers');
const topic = option('topic');
if (!brokers || !topic) fail('--bootstrap-servers and --topic are required');
const protocol = option('security-protocol') ?? 'PLAINTEXT';
if (!['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) fail(`unknown --security-protocol ${protocol}`);

function sasl(): SASLOptions | undefined {
  if (!protocol.startsWith('SASL_')) return undefined;
  const mechanism = MECHANISMS[option('sasl-mechanism') as keyof typeof MECHANISMS];
  const username = option('sasl-username');
  const passwordFile = option('sasl-password-file');
  const password = passwordFile ? readFileSync(passwordFile, 'utf8').trim() : process.env.KAFKA_SASL_PASSWORD;
  if (!mechanism || !username || !password) fail(`${protocol} needs --sasl-mechanism, --sasl-username and KAFKA_SASL_PASSWORD or --sasl-password-file`);
  return { mechanism, username, password } as SASLOptions;
}

function ssl(): KafkaConfig['ssl'] {
  if (!protocol.endsWith('SSL')) return undefined;
  const pem = (name: string) => (option(name) ? readFileSync(option(name)!, 'utf8') : undefined);
  const [ca, cert, key] = [pem('ssl-ca-location'), pem('ssl-certificate-location'), pem('ssl-key-location')];
  // Without a CA file, Node's own CAs verify the broker; verification is never turned off.
  return { ...(ca && { ca: [ca] }), ...(cert && { cert }), ...(key && { key }) };
}

const paths = files.length > 0 ? files : readdirSync(RECORDS).filter((file) => file.endsWith('.json')).sort().map((file) => join(RECORDS, file));
const messages: Message[] = paths.map((path) => {
  const record = JSON.parse(readFileSync(path, 'utf8')) as RecordFile;
  if (typeof record.key !== 'string' || typeof record.value !== 'string') fail(`${basename(path)} is not a record file ({ key, headers, value })`);
  return { key: record.key, value: record.value, headers: record.headers };
});

let kafkajs: typeof import('kafkajs');
try {
  kafkajs = await import('kafkajs');
} catch {
  fail('needs kafkajs 2.x beside this package: npm install --save-dev kafkajs@^2');
}
const kafka = new kafkajs.Kafka({ clientId: 'computer-orders-replay', brokers: brokers.split(','), logLevel: kafkajs.logLevel.ERROR, ssl: ssl(), sasl: sasl() });
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
await producer.connect();
try {
  await producer.send({ topic, acks: -1, messages });
} finally {
  await producer.disconnect();
}
console.log(`replayed ${messages.length} records to ${topic}`);
