/**
 * (c) The product: the real service, exactly as `server.ts` starts it,
 * publishing to the harness' broker with acks=all. Configured through the
 * same environment variables as in production (the harness sets them).
 */
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startService } from '../../src/service.js';
import { serveTarget } from './serve-target.js';

serveTarget(async () => {
  const config = loadConfig();
  const service = await startService({ config, logger: createLogger({ level: config.logLevel }) });
  return { url: service.url, stop: () => service.stop() };
});
