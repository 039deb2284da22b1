/**
 * The example analytics reader's consumer test: pact-js hands the reader's
 * real handler the record it expects on topic `computers` (its key, headers
 * and value) and records that expectation as an asynchronous message. The
 * Kafka key travels as the message metadata `kafka_key`, since a pact
 * message has headers and a body but no key of its own;
 * scripts/contract/verify-pacts.mjs checks it against the AsyncAPI key.
 *
 * It expects only today's headers, not every header the service may add.
 */
import { strict as assert } from 'node:assert';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { toOrderFact } from './analytics-reader-handler.js';

const { datetime, eachLike, regex, like, uuid } = MatchersV3;
// The AsyncAPI operation whose messages this one must match (opc reads it from the pact's comments).
export const ASYNCAPI_OPERATION = 'publishComputerOrderEvent';
const ORDER_ID = regex('^[A-Za-z0-9._:-]{1,64}$', 'ws-1001');

export async function recordAnalyticsReaderPact(dir: string): Promise<void> {
  const pact = new PactV4({ consumer: 'analytics-reader', provider: 'computer-orders-api', dir, logLevel: 'error' });
  await pact
    .addAsynchronousInteraction()
    .given('an order was accepted', { order: { id: 'ws-1001', created_by: 'WEB-SHOP', equipment: ['MONITOR'] } })
    .reference('AsyncAPI', 'operationId', ASYNCAPI_OPERATION)
    .expectsToReceive('a ComputerOrderCreated record', (message) =>
      message
        .withMetadata({
          kafka_key: ORDER_ID,
          'content-type': 'application/json',
          'event-type': 'computer-order.created',
          'event-schema-version': '1',
          'request-id': regex('^[A-Za-z0-9._:-]{1,128}$', '7b0a3c1e-0f5d-4c47-9d8e-3f2a9f0f6e11'),
        })
        .withJSONContent({
          schema_version: 1,
          event_type: 'computer-order.created',
          event_id: uuid('6a0d3f55-2b1e-5f0c-9a43-2d1b7c9e8f10'),
          order_id: ORDER_ID,
          created_at: datetime("yyyy-MM-dd'T'HH:mm:ss.SSSX", '2026-11-27T17:40:00.000Z'),
          created_by: like('WEB-SHOP'),
          equipment: eachLike('MONITOR'),
        }),
    )
    .executeTest(async (message) => {
      const metadata = message.metadata as Record<string, string>;
      const { kafka_key: key = '', ...headers } = metadata;
      const fact = toOrderFact({ key, headers, value: JSON.stringify(message.contents.content) });
      assert.deepEqual(fact, {
        eventId: '6a0d3f55-2b1e-5f0c-9a43-2d1b7c9e8f10',
        orderId: 'ws-1001',
        createdAt: '2026-11-27T17:40:00.000Z',
        createdBy: 'WEB-SHOP',
        items: 1,
        requestId: '7b0a3c1e-0f5d-4c47-9d8e-3f2a9f0f6e11',
      });
    });
}
