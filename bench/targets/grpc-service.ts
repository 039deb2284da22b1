/**
 * (g) The product over gRPC: the real service, exactly as `server.ts` starts
 * it (HTTP beside it, as in production), publishing to the harness' broker
 * with acks=all. Its URL is `grpc://host:port`, for a gRPC load generator
 * (`bench/load/grpc-sustained.ts`); measured beside (c), the same service
 * over HTTP, it gives the cost per order of each front end.
 */
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startService } from '../../src/service.js';
import { serveTarget } from './serve-target.js';

serveTarget(async () => {
  const config = loadConfig();
  const service = await startService({ config, logger: createLogger({ level: config.logLevel }) });
  if (!service.grpcAddress) throw new Error('the gRPC target needs GRPC_ENABLED=true');
  return { url: `grpc://${service.grpcAddress}`, stop: () => service.stop() };
});
