/**
 * The provider side of the registered pacts: the real app (Express, the
 * validator, the error handler, the idempotency window) behind a loopback
 * port, built afresh for each interaction so that one interaction's orders
 * never answer for another's, with the HTTP tests' recording publisher in
 * place of Kafka. Its messages are the records the real builders make of
 * what the app published: `toOrderEvent` ran in the route, `toRecord` here,
 * the same code that writes to Kafka.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Message } from 'kafkajs';
import { pino } from 'pino';
import type { VerifierOptions } from '@pact-foundation/pact';
import type { RequestHandler } from 'express';
import { buildApp } from '../../src/app.js';
import { toRecord } from '../../src/kafka/kafka-order-publisher.js';
import { PublishError } from '../../src/orders/order-publisher.js';
import { createRecordingPublisher } from '../http/recording-publisher.js';

const API_KEY = 'pact-provider-key-0123456789';
const ORDERS_PATH = '/api/v2/orders/computers';
const ALREADY_ACCEPTED = /^an order with id (\S+) was already accepted$/;
// The order a state accepts when the pact gives none: the web shop's basket.
const WEB_SHOP_ORDER = { id: 'ws-1001', created_by: 'WEB-SHOP', equipment: ['MONITOR'] };

export interface Provider {
  /** Options for pact-js's Verifier: where the app is, its states, its messages, and the key it needs. */
  verifierOptions(pactUrls: string[]): VerifierOptions;
  close(): Promise<void>;
}

export interface ProviderChanges {
  /** Wraps the app, standing in for a change of the service's answers. */
  app?: (app: RequestListener) => RequestListener;
  /** Changes a record after the real builder made it, standing in for a change of the record. */
  record?: (record: Message) => Message;
}

type PactFile = { interactions?: Array<{ type?: string; description?: string; providerStates?: Array<{ name: string }> }> };
const interactionsOf = (pactUrls: string[]) => pactUrls.flatMap((file) => (JSON.parse(readFileSync(file, 'utf8')) as PactFile).interactions ?? []);

/** Each "an order with id X was already accepted" the pacts name, with its X. */
function alreadyAcceptedStates(pactUrls: string[]): Array<[string, string]> {
  const names = interactionsOf(pactUrls).flatMap(({ providerStates = [] }) => providerStates.map(({ name }) => name));
  return [...new Set(names)].flatMap((name) => {
    const id = ALREADY_ACCEPTED.exec(name)?.[1];
    return id === undefined ? [] : [[name, id] as [string, string]];
  });
}

/** The descriptions of the pacts' asynchronous messages, which pact-js finds their providers by. */
function messageDescriptions(pactUrls: string[]): string[] {
  return interactionsOf(pactUrls).flatMap(({ type, description }) => (type === 'Asynchronous/Messages' && description ? [description] : []));
}

// The pacts carry placeholder keys: this service's key replaces them, as a real provider's CI would.
const replaceApiKey: RequestHandler = (request, _response, next) => {
  if (request.headers['x-api-key'] !== undefined) request.headers['x-api-key'] = API_KEY;
  next();
};

export async function startProvider(changes: ProviderChanges = {}): Promise<Provider> {
  const publisher = createRecordingPublisher();
  const build = (): RequestListener => {
    const app = buildApp({
      publisher,
      logger: pino({ level: 'silent' }),
      bodyLimitBytes: 16_384,
      retryAfterSeconds: 5,
      validateResponses: true,
      auth: { apiKeys: [API_KEY], openAccess: false, legacyAnonymousWrites: false },
    });
    return changes.app ? changes.app(app) : app;
  };
  let current = build();
  const server = createServer((request, response) => current(request, response)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const accept = async (order: unknown) => {
    const response = await fetch(url + ORDERS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, 'x-request-id': randomUUID() },
      body: JSON.stringify(order),
    });
    if (response.status !== 202) throw new Error(`provider state: the order was answered ${response.status}, not 202`);
  };

  const stateHandlers: NonNullable<VerifierOptions['stateHandlers']> = {
    'Kafka is unavailable': async () => {
      publisher.failWith = new PublishError('unavailable', { topic: publisher.topic });
    },
    // For messages: the record is then made of what this order published. `order` says which order.
    'an order was accepted': (params) => accept((params as { order?: unknown } | undefined)?.order ?? WEB_SHOP_ORDER),
  };
  // "an order with id X was already accepted", for any X a pact names; `order` says with which content.
  const alreadyAccepted = async (id: string, params: unknown) => {
    const order = (params as { order?: { id?: string } } | undefined)?.order ?? { ...WEB_SHOP_ORDER, id };
    if (order.id !== id) throw new Error(`provider state: the order given has id ${order.id}, not ${id}`);
    await accept(order);
  };

  const message = async () => {
    const published = publisher.published.at(-1);
    if (!published) throw new Error('no order was published for this message');
    const made = toRecord(published.event, published.metadata);
    const record = changes.record ? changes.record(made) : made;
    const headers = Object.fromEntries(Object.entries(record.headers ?? {}).map(([name, value]) => [name, String(value)]));
    return { __pactMessageMetadata: { ...headers, kafka_key: String(record.key) }, message: JSON.parse(String(record.value)) };
  };

  return {
    verifierOptions(pactUrls) {
      return {
        provider: 'computer-orders-api',
        providerBaseUrl: url,
        pactUrls,
        logLevel: 'error',
        beforeEach: async () => {
          publisher.reset();
          current = build();
        },
        stateHandlers: { ...stateHandlers, ...Object.fromEntries(alreadyAcceptedStates(pactUrls).map(([name, id]) => [name, (params: unknown) => alreadyAccepted(id, params)])) },
        requestFilter: replaceApiKey,
        // Every message a pact describes is the record of the order its state accepted.
        messageProviders: Object.fromEntries(messageDescriptions(pactUrls).map((description) => [description, message])),
      };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
