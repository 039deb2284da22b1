/**
 * The process logger: JSON lines, with anything that could carry a
 * credential redacted.
 */
import { pino, type Logger } from 'pino';

export function createLogger({ level }: { level: string }): Logger {
  return pino({
    level,
    base: { service: 'computer-orders-api' },
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
  });
}
