/**
 * Liveness, readiness and the contract itself.
 */
import { Router } from 'express';
import type { components } from '../../generated/openapi.js';
import type { Contract } from '../contract.js';
import type { IdempotencyStore } from '../orders/idempotency-store.js';
import type { OrderPublisher } from '../orders/order-publisher.js';
import { ApiError } from './api-error.js';

type Health = components['schemas']['Health'];
type Readiness = components['schemas']['Readiness'];

export function createOperationsRoutes({
  publisher,
  recentOrders,
  contract,
  retryAfterSeconds,
}: {
  publisher: OrderPublisher;
  recentOrders: IdempotencyStore;
  contract: Contract;
  retryAfterSeconds: number;
}): Router {
  return Router()
    .get('/health', function getHealth(_req, res) {
      res.json({ status: 'ok' } satisfies Health);
    })
    .get('/ready', async function getReadiness(_req, res) {
      const readiness = await publisher.readiness();
      if (!readiness.ready) {
        throw new ApiError(503, readiness.reason, { headers: { 'Retry-After': String(retryAfterSeconds) } });
      }
      // Still 200 when only the shared store is away: every replica shares it, so a
      // balancer would take them all out, and orders without an id can still flow.
      res.json({ status: 'ready', topic: publisher.topic, idempotency_store: recentOrders.status() } satisfies Readiness);
    })
    .get('/openapi.json', function getContractJson(_req, res) {
      res.json(contract.document);
    })
    .get('/openapi.yaml', function getContractYaml(_req, res) {
      res.type('application/yaml').send(contract.yaml);
    });
}
