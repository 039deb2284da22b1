/**
 * Accepting a checked order, the same way on every front end: build its
 * event, publish it, and publish it once only when the client chose the id
 * (a retry with that id and the same content is a replay, not a second record).
 */
import type { IdempotencyStore } from './idempotency-store.js';
import { orderFingerprint, toOrderEvent, type ComputerOrder, type LegacyComputerOrder, type OrderSource } from './order-event.js';
import type { OrderPublisher, PublishMetadata } from './order-publisher.js';

export interface AcceptedOrder {
  orderId: string;
  /** An earlier request with this id and content was already published: nothing new was. */
  replayed: boolean;
}

export type AcceptOrder = (order: ComputerOrder | LegacyComputerOrder, context: { source: OrderSource; metadata: PublishMetadata }) => Promise<AcceptedOrder>;

/**
 * Resolves once the broker acknowledged the record (or it was a replay); rejects
 * with the order rules' errors (see `order-contract.ts`), the idempotency store's
 * or the publisher's.
 *
 * @example
 * const accept = createOrderAcceptor({ publisher, recentOrders });
 * const { orderId, replayed } = await accept(order, { source: 'api/v2', metadata: { requestId } });
 */
export function createOrderAcceptor({ publisher, recentOrders }: { publisher: OrderPublisher; recentOrders: IdempotencyStore }): AcceptOrder {
  return async function acceptOrder(order, { source, metadata }) {
    const event = toOrderEvent(order, { source, receivedAt: new Date() });
    const publish = () => publisher.publish(event, metadata);
    // Only a client-chosen id can be retried; a generated one is new every time.
    if (order.id === undefined) {
      await publish();
      return { orderId: event.order_id, replayed: false };
    }
    const { replayed } = await recentOrders.publishOnce(order.id, orderFingerprint(order, event), publish);
    return { orderId: event.order_id, replayed };
  };
}
