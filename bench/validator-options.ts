/**
 * `npm run bench:validator`: what express-openapi-validator's options cost
 * per request, in one process. The same order goes through Express and the
 * validator (no socket, no body parser), the variants interleaved in short
 * slices so that other work on the machine hits them alike; each reports
 * the median CPU µs per request over the slices.
 *
 * `-- --alt <path to another express-openapi-validator's dist/index.js>`
 * adds that build (say, a pre-release installed in a scratch folder).
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { parseArgs } from 'node:util';
import express, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { loadContract } from '../src/contract.js';
import { createAuth } from '../src/http/auth.js';
import { BENCH_API_KEY, ORDER_BODY, ORDER_PATH } from './order-body.js';

type Middleware = typeof OpenApiValidator.middleware;
type Options = Parameters<Middleware>[0];

const { values } = parseArgs({ options: { alt: { type: 'string' }, rounds: { type: 'string', default: '15' }, slice: { type: 'string', default: '2000' } } });
const ROUNDS = Number(values.rounds);
const SLICE = Number(values.slice);
const order = JSON.parse(ORDER_BODY) as object;
const contract = loadContract();
const configured: Options = {
  apiSpec: contract.path,
  validateRequests: { allErrors: true },
  validateResponses: false,
  validateFormats: true,
  validateSecurity: createAuth({ apiKeys: [BENCH_API_KEY], openAccess: false, legacyAnonymousWrites: false }).validateSecurity,
};

function build(middleware: Middleware, options: Partial<Options>): Express {
  const app = express();
  app.set('etag', false);
  // The body as the body parser leaves it.
  app.use(function parsedBody(req, _res, next) {
    req.body = structuredClone(order);
    next();
  });
  app.use(middleware({ ...configured, ...options }));
  app.post(ORDER_PATH, (_req, res) => void res.status(202).end());
  return app;
}

function post(app: Express): Promise<number> {
  return new Promise((resolve) => {
    const req = new IncomingMessage(new Socket());
    req.method = 'POST';
    req.url = ORDER_PATH;
    req.headers = { host: 'bench', 'content-type': 'application/json', 'x-api-key': BENCH_API_KEY };
    const res = new ServerResponse(req);
    res.end = function captured() {
      resolve(res.statusCode);
      return res;
    } as typeof res.end;
    app(req, res);
  });
}

const variants: Array<[string, Middleware, Partial<Options>]> = [
  ['as configured (allErrors, full formats)', OpenApiValidator.middleware, {}],
  ['allErrors: false', OpenApiValidator.middleware, { validateRequests: { allErrors: false } }],
  ["$refParser mode 'dereference'", OpenApiValidator.middleware, { $refParser: { mode: 'dereference' } }],
  ['security handler that accepts anything', OpenApiValidator.middleware, { validateSecurity: { handlers: { ApiKeyAuth: () => true } } }],
];
if (values.alt) {
  const alt = (await import(values.alt)) as { middleware?: Middleware; default?: { middleware: Middleware } };
  variants.push([`${values.alt.replace(/.*node_modules\//, '').replace(/\/dist.*/, '')} (--alt), as configured`, (alt.middleware ?? alt.default!.middleware), {}]);
}

const runs = variants.map(([name, middleware, options]) => ({ name, app: build(middleware, options), us: [] as number[] }));
for (const run of runs) {
  for (let i = 0; i < 3000; i++) {
    const status = await post(run.app);
    if (status !== 202) throw new Error(`${run.name}: answered ${status}`);
  }
}
for (let round = 0; round < ROUNDS; round++) {
  for (const run of runs) {
    const before = process.cpuUsage();
    for (let i = 0; i < SLICE; i++) await post(run.app);
    const used = process.cpuUsage(before);
    run.us.push((used.user + used.system) / SLICE);
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const reference = median(runs[0]!.us);
for (const { name, us } of runs) {
  console.log(`${name.padEnd(48)} ${median(us).toFixed(1).padStart(6)} µs/request (${((median(us) / reference - 1) * 100).toFixed(0).padStart(3)} %), lowest slice ${Math.min(...us).toFixed(1)}`);
}
