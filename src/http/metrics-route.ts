/**
 * `GET /metrics` (operation `getMetrics`): the registry in the Prometheus
 * text format.
 */
import { Router } from 'express';
import type { Registry } from 'prom-client';

export function createMetricsRoute({ registry }: { registry: Registry }): Router {
  return Router().get('/metrics', async function getMetrics(_req, res) {
    const body = await registry.metrics();
    res.type(registry.contentType).send(body);
  });
}
