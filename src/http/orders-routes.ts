/**
 * The order operations, named after their `operationId`s. The validator has
 * checked the content type, headers and credentials; the order contract
 * checks the body here, as it does for the gRPC front end.
 */
import { Router, type Request, type Response } from 'express';
import { createOrderAcceptor } from '../orders/accept-order.js';
import type { IdempotencyStore } from '../orders/idempotency-store.js';
import type { OrderContract } from '../orders/order-contract.js';
import type { ComputerOrder, LegacyComputerOrder, OrderSource } from '../orders/order-event.js';
import type { OrderPublisher } from '../orders/order-publisher.js';
import { LEGACY_PATH, SUCCESSOR_PATH } from './deprecation.js';
import { traceContextOf } from '../context/trace-context.js';

export function createOrderRoutes({
  publisher,
  recentOrders,
  orders,
}: {
  publisher: OrderPublisher;
  recentOrders: IdempotencyStore;
  orders: OrderContract;
}): Router {
  const acceptOrder = createOrderAcceptor({ publisher, recentOrders });

  async function accept(order: ComputerOrder | LegacyComputerOrder, req: Request, res: Response, source: OrderSource) {
    const metadata = { requestId: String(res.getHeader('X-Request-Id')), ...traceContextOf(req.headers) };
    const { orderId, replayed } = await acceptOrder(order, { source, metadata });
    res.status(202).set({ 'Order-Id': orderId, 'Idempotent-Replayed': String(replayed) });
    res.end();
  }

  return Router()
    .post(SUCCESSOR_PATH, function createComputerOrder(req: Request<never, unknown, unknown>, res) {
      return accept(orders.checkComputerOrder(req.body), req, res, 'api/v2');
    })
    .post(LEGACY_PATH, function createLegacyComputerOrder(req: Request<never, unknown, unknown>, res) {
      return accept(orders.checkLegacyComputerOrder(req.body), req, res, 'api/original');
    });
}
