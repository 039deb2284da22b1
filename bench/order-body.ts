/**
 * The one request every target gets: a valid v2 order without an id, so the
 * server generates one and the records spread over the topic's partitions.
 */
export const ORDER_PATH = '/api/v2/orders/computers';

export const ORDER_BODY = JSON.stringify({
  status: 'Queued',
  created_at: '2026-11-27T09:15:00.123+01:00',
  created_by: 'USER14',
  equipment: ['MONITOR', 'WEBCAM'],
});

/** The key the harness configures on the real app (`API_KEYS`); the other targets ignore it. */
export const BENCH_API_KEY = 'bench-key-0123456789abcdef';

export const ORDER_HEADERS = { 'content-type': 'application/json', 'x-api-key': BENCH_API_KEY };
