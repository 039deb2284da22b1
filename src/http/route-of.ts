/**
 * Names the route a request took, for logs and metric labels: the
 * contract's path, never the raw URL (whose values are unbounded).
 */
import type { Request } from 'express';

export type RouteOf = (req: Request) => string;

/**
 * @example
 * const routeOf = createRouteOf(['/api/v2/orders/computers', '/metrics']);
 * routeOf(req); // '/api/v2/orders/computers', or 'unmatched'
 */
export function createRouteOf(knownPaths: Iterable<string>): RouteOf {
  const known = new Set(knownPaths);
  return function routeOf(req) {
    // The validator names the route once it matched; requests refused before it (bad JSON, say) fall back to the known paths.
    const matched = (req as { openapi?: { openApiRoute?: string } }).openapi?.openApiRoute ?? (req.route as { path?: unknown } | undefined)?.path;
    if (typeof matched === 'string') return matched;
    const path = req.originalUrl.split('?', 1)[0] ?? '';
    return known.has(path) ? path : 'unmatched';
  };
}
