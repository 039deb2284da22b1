/**
 * A small typed client for this API, built on openapi-fetch with the types
 * generated from the contract. Shipped, compiled, in the contract package as
 * `@computer-orders/api-contract/client` (scripts/contract/pack.mjs).
 */
import createFetchClient, { type Client } from 'openapi-fetch';
import type { components, paths } from '../generated/openapi.js';

export type ComputerOrder = components['schemas']['ComputerOrder'];
export type LegacyComputerOrder = components['schemas']['LegacyComputerOrder'];
export type Problem = components['schemas']['Problem'];

/** What the API answered with an error: the RFC 9457 problem, whole. */
export class ProblemError extends Error {
  override name = 'ProblemError';
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.status = problem.status;
    this.problem = problem;
  }

  /** Whether sending the same order again later may succeed (the API said 503). */
  get retriable(): boolean {
    return this.status === 503;
  }
}

export interface AcceptedOrder {
  orderId: string;
  requestId: string;
}

export interface OrdersClientOptions {
  baseUrl: string;
  /** Sent as `X-API-Key`; writes need it. */
  apiKey?: string;
  /** Replaces the global fetch, for tests or instrumentation. */
  fetch?: typeof globalThis.fetch;
  headers?: Record<string, string>;
}

function toProblem(error: unknown, response: Response): Problem {
  if (typeof error === 'object' && error !== null && 'status' in error && 'title' in error) return error as Problem;
  // A body that is not a problem (a proxy's HTML page, say) still becomes one.
  return { type: 'about:blank', title: response.statusText || 'Error', status: response.status, detail: String(error ?? '') };
}

function accepted({ error, response }: { error?: unknown; response: Response }): AcceptedOrder {
  if (!response.ok) throw new ProblemError(toProblem(error, response));
  return { orderId: response.headers.get('Order-Id') ?? '', requestId: response.headers.get('X-Request-Id') ?? '' };
}

/**
 * @example
 * const orders = createOrdersClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: process.env.ORDERS_API_KEY });
 * const { orderId } = await orders.createComputerOrder({ created_by: 'USER14', equipment: ['MOUSE'] });
 */
export function createOrdersClient({ baseUrl, apiKey, fetch, headers = {} }: OrdersClientOptions) {
  const client: Client<paths> = createFetchClient<paths>({
    baseUrl,
    ...(fetch && { fetch }),
    headers: { ...headers, ...(apiKey !== undefined && { 'X-API-Key': apiKey }) },
  });
  return {
    /** `POST /api/v2/orders/computers`; resolves once the broker acknowledged the order. */
    async createComputerOrder(order: ComputerOrder, { requestId }: { requestId?: string } = {}): Promise<AcceptedOrder> {
      return accepted(
        await client.POST('/api/v2/orders/computers', {
          body: order,
          params: { header: requestId === undefined ? {} : { 'X-Request-Id': requestId } },
          parseAs: 'text',
        }),
      );
    },
    /** `POST /api/orders/computers`, the deprecated original path. */
    async createLegacyComputerOrder(order: LegacyComputerOrder): Promise<AcceptedOrder> {
      return accepted(await client.POST('/api/orders/computers', { body: order, parseAs: 'text' }));
    },
    /** Whether the API is ready to accept orders. */
    async isReady(): Promise<boolean> {
      const { response } = await client.GET('/ready');
      return response.ok;
    },
    /** The underlying openapi-fetch client, for anything not wrapped here. */
    raw: client,
  };
}

export type OrdersClient = ReturnType<typeof createOrdersClient>;
