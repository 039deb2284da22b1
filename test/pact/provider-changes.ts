/**
 * Changes of the service that the registered pacts rely on, each standing in
 * for a code change a pull request might make: provider verification must
 * fail on every one (provider-verification.test.ts).
 */
import type { ProviderChanges } from './provider.js';

export const CHANGES = {
  /** The 202 stops saying whether it answers a replay. */
  'drop-idempotent-replayed': {
    app: (app) => (request, response) => {
      const setHeader = response.setHeader.bind(response);
      response.setHeader = (name, value) => (name.toLowerCase() === 'idempotent-replayed' ? response : setHeader(name, value));
      app(request, response);
    },
  },
  /** The record's `event-schema-version` header moves on, which the reader routes on. */
  'event-schema-version-2': {
    record: (record) => ({ ...record, headers: { ...record.headers, 'event-schema-version': '2' } }),
  },
  /** The record's value loses `created_by`, which the reader reads. */
  'drop-created-by': {
    record: (record) => {
      const { created_by: _dropped, ...value } = JSON.parse(String(record.value)) as Record<string, unknown>;
      return { ...record, value: JSON.stringify(value) };
    },
  },
} satisfies Record<string, ProviderChanges>;

export type ChangeName = keyof typeof CHANGES;
