/**
 * `npm run contract:verify-pacts`: the registered consumer pacts checked
 * with opc against the bundled contracts, and pacts that drifted from the
 * contract refused, each naming its consumer and interaction.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { interaction, registeredPact, verifyPacts } from './verify-pacts.js';

describe('npm run contract:verify-pacts', () => {
  it('passes every registered pact', async () => {
    const { code, output } = await verifyPacts();
    expect(output).toContain('ok: consumer web-shop, 5 interaction(s), contract/pacts/web-shop-computer-orders-api.json');
    expect(output).toContain('ok: consumer analytics-reader, 1 interaction(s), contract/pacts/analytics-reader-computer-orders-api.json');
    expect(output).toContain('every pact (2) is compatible with the contract');
    expect(code).toBe(0);
  });

  it('fails a pact that expects a response field we do not send, naming the consumer and the interaction', async () => {
    const pact = await registeredPact('web-shop');
    pact.consumer.name = 'drifting-shop';
    interaction(pact, 'an order with an empty basket').response.body.content.errors[0].code = 'EQUIPMENT_EMPTY';
    const { code, output } = await verifyPacts({ extra: [pact] });
    expect(output).toMatch(/error: consumer drifting-shop, interaction "an order with an empty basket": \[response\.body\.incompatible\] .*additional properties - code/);
    expect(output).toContain('ok: consumer web-shop');
    expect(output).toContain('1 of 3 pact(s) incompatible with the contract');
    expect(code).toBe(1);
  });

  it('fails a pact that expects a status we never answer', async () => {
    const pact = await registeredPact('web-shop');
    pact.consumer.name = 'created-shop';
    interaction(pact, 'a new order without an id').response.status = 201;
    const { code, output } = await verifyPacts({ extra: [pact] });
    expect(output).toMatch(/error: consumer created-shop, interaction "a new order without an id": \[response\.status\.unknown\]/);
    expect(code).toBe(1);
  });

  it('fails a message pact that expects a record header we do not set', async () => {
    const pact = await registeredPact('analytics-reader');
    pact.consumer.name = 'tenant-reader';
    interaction(pact, 'a ComputerOrderCreated record').metadata['tenant-id'] = 'shop-eu';
    const { code, output } = await verifyPacts({ extra: [pact] });
    expect(output).toMatch(/error: consumer tenant-reader, interaction "a ComputerOrderCreated record": \[message\.no\.match\]/);
    expect(output).toMatch(/because: \[message\.headers\.incompatible\] .*additional properties - tenant-id/);
    expect(code).toBe(1);
  });

  it('fails a message pact whose Kafka key the contract does not allow', async () => {
    const pact = await registeredPact('analytics-reader');
    pact.consumer.name = 'spaced-key-reader';
    interaction(pact, 'a ComputerOrderCreated record').metadata.kafka_key = 'order 1';
    const { code, output } = await verifyPacts({ extra: [pact] });
    expect(output).toMatch(/error: consumer spaced-key-reader, interaction "a ComputerOrderCreated record": \[message\.key\.incompatible\] Kafka key "order 1"/);
    expect(code).toBe(1);
  });

  it('fails a V3 message pact rather than pass its messages unseen', async () => {
    const v4 = await registeredPact('analytics-reader');
    const [message] = v4.interactions;
    const v3 = { consumer: { name: 'v3-reader' }, provider: v4.provider, messages: [{ description: message.description, contents: message.contents.content, metadata: message.metadata }], metadata: { pactSpecification: { version: '3.0.0' } } };
    const { code, output } = await verifyPacts({ extra: [v3] });
    expect(output).toMatch(/error: consumer v3-reader, interaction "a ComputerOrderCreated record": \[message\.v3\.unsupported\]/);
    expect(code).toBe(1);
  });

  it('reads an extra pact from a URL', async () => {
    const pact = await registeredPact('web-shop');
    pact.consumer.name = 'remote-shop';
    const server = createServer((_request, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify(pact))).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pacts/remote-shop.json`;
      const { code, output } = await verifyPacts({ args: [url] });
      expect(output).toContain(`ok: consumer remote-shop, 5 interaction(s), ${url}`);
      expect(code).toBe(0);
    } finally {
      server.close();
    }
  });
});
