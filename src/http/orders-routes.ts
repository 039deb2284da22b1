/**
 * The order operations, named after their `operationId`s. The validator has
 * already enforced the contract, so the body is a valid order here.
 */
import { Router, type Request, type Response } from 'express';
import type { operations } from '../../generated/openapi.js';
import { toOrderEvent, type OrderSource } from '../orders/order-event.js';
import type { OrderPublisher } from '../orders/order-publisher.js';
import { LEGACY_PATH, SUCCESSOR_PATH } from './deprecation.js';

type BodyOf<Op extends keyof operations> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

export function createOrderRoutes({ publisher }: { publisher: OrderPublisher }): Router {
  async function accept(body: BodyOf<'createComputerOrder'> | BodyOf<'createLegacyComputerOrder'>, res: Response, source: OrderSource) {
    const event = toOrderEvent(body, { source, receivedAt: new Date() });
    await publisher.publish(event, { requestId: String(res.getHeader('X-Request-Id')) });
    res.status(202).set('Order-Id', event.order_id).end();
  }

  return Router()
    .post(SUCCESSOR_PATH, function createComputerOrder(req: Request<never, unknown, BodyOf<'createComputerOrder'>>, res) {
      return accept(req.body, res, 'api/v2');
    })
    .post(LEGACY_PATH, function createLegacyComputerOrder(req: Request<never, unknown, BodyOf<'createLegacyComputerOrder'>>, res) {
      return accept(req.body, res, 'api/original');
    });
}
