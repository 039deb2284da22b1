/**
 * The order operations, named after their `operationId`s. The validator has
 * already enforced the contract, so the body is a valid order here.
 */
import { Router, type Request, type Response } from 'express';
import type { operations } from '../../generated/openapi.js';
import type { IdempotencyStore } from '../orders/idempotency-store.js';
import { orderFingerprint, toOrderEvent, type OrderSource } from '../orders/order-event.js';
import type { OrderPublisher } from '../orders/order-publisher.js';
import { LEGACY_PATH, SUCCESSOR_PATH } from './deprecation.js';
import { traceContextOf, type TraceContext } from './trace-context.js';

type BodyOf<Op extends keyof operations> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

export function createOrderRoutes({ publisher, recentOrders }: { publisher: OrderPublisher; recentOrders: IdempotencyStore }): Router {
  async function accept(body: BodyOf<'createComputerOrder'> | BodyOf<'createLegacyComputerOrder'>, res: Response, source: OrderSource, trace: TraceContext) {
    const event = toOrderEvent(body, { source, receivedAt: new Date() });
    const publish = () => publisher.publish(event, { requestId: String(res.getHeader('X-Request-Id')), ...trace });
    // Only a client-chosen id can be retried; a generated one is new every time.
    let replayed = false;
    if (body.id === undefined) await publish();
    else ({ replayed } = await recentOrders.publishOnce(body.id, orderFingerprint(body, event), publish));
    res.status(202).set({ 'Order-Id': event.order_id, 'Idempotent-Replayed': String(replayed) });
    res.end();
  }

  return Router()
    .post(SUCCESSOR_PATH, function createComputerOrder(req: Request<never, unknown, BodyOf<'createComputerOrder'>>, res) {
      return accept(req.body, res, 'api/v2', traceContextOf(req.headers));
    })
    .post(LEGACY_PATH, function createLegacyComputerOrder(req: Request<never, unknown, BodyOf<'createLegacyComputerOrder'>>, res) {
      return accept(req.body, res, 'api/original', traceContextOf(req.headers));
    });
}
