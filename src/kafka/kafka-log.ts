/**
 * Routes kafkajs' own log lines into the service's pino logger, without the
 * client's error text and with broker addresses masked: after a broker
 * failure kafkajs writes lines such as "Connection error: connect
 * ECONNREFUSED 10.0.0.7:9092", and our logs must carry neither (docs/SECURITY.md).
 */
import { createRequire } from 'node:module';
import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

interface ProtocolError {
  type: string;
  retriable: boolean;
  message: string;
}
// kafkajs' own table of Kafka protocol errors, which it retries by their `retriable`
// flag; not exported by name, so read from its file (the version is pinned by the lock file).
const { errorCodes } = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as { errorCodes: ProtocolError[] };
const RETRIABLE = new Map(errorCodes.filter(({ retriable }) => retriable).map((error) => [error.message, error.type]));

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};
const HOST_PORT = /\[[0-9a-f:]+\](?::\d+)?|\b[\w.-]+:\d{1,5}\b|\b\d{1,3}(?:\.\d{1,3}){3}\b/gi;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// kafkajs appends the cause after ": " ("…from the list: Connection error: connect
// ECONNREFUSED 10.0.0.7:9092"); "key: 3" in a request's name is followed by a digit.
const APPENDED_CAUSE = /: (?!\d).*$/s;

/**
 * Keeps kafkajs' own wording of what it was doing, minus the cause it appends
 * and any host: `brokers` are the configured ones (their names need not look
 * like addresses).
 */
export function scrubKafkaMessage(message: unknown, brokers: readonly string[]): string {
  let text = (typeof message === 'string' ? message : '').replace(APPENDED_CAUSE, '').replace(HOST_PORT, '<broker>');
  for (const host of brokers.map((broker) => broker.replace(/:\d+$/, ''))) text = text.replace(new RegExp(escape(host), 'gi'), '<broker>');
  return text.trim();
}

/**
 * @example
 * new Kafka({ brokers, logCreator: kafkaLogCreator(logger.child({ component: 'kafkajs' }), brokers) });
 */
export function kafkaLogCreator(logger: Logger, brokers: readonly string[]): logCreator {
  return () =>
    function logKafka({ namespace, level, label, log }) {
      // Not `log.error` nor `log.broker`: kafkajs' text and a broker's address.
      const { message, retryCount, retryTime, error } = log as Record<string, unknown>;
      const text = scrubKafkaMessage(message, brokers) || 'kafkajs reported a problem';
      // A broker answer kafkajs retries (a coordinator still loading at start-up, a leader
      // moving) is logged by kafkajs as ERROR; it is not one until the retries run out,
      // and then the caller logs the failure. Its protocol name is safe to keep.
      const retried = typeof error === 'string' ? RETRIABLE.get(error) : undefined;
      if (retried) {
        logger.info({ kafka: { namespace, retryCount, retryTime, error: retried, retriable: true } }, text);
        return;
      }
      logger[LEVELS[level] ?? 'info']({ kafka: { namespace, retryCount, retryTime }, kafkaLevel: label }, text);
    };
}
