/**
 * Sends kafkajs' own log lines to pino, at the same level.
 */
import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * @example
 * new Kafka({ brokers, logCreator: pinoLogCreator(logger.child({ component: 'kafkajs' })) });
 */
export function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    function logKafka({ level, label, log }) {
      const { message, ...context } = log;
      logger[LEVELS[level] ?? 'info']({ kafka: context, kafkaLevel: label }, message);
    };
}
