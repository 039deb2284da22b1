/**
 * The one error type that the gRPC front end answers with: a status code, a
 * message fit for clients, and the rich details (`status-details.ts`).
 * The gRPC counterpart of `http/api-error.ts`.
 */
import type { status as Code } from '@grpc/grpc-js';
import type { Detail } from './status-details.js';

export class GrpcRefusal extends Error {
  override name = 'GrpcRefusal';
  constructor(
    readonly code: Code,
    message: string,
    readonly details: readonly Detail[] = [],
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
