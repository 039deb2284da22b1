/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and says where the time
 * went: self time by function, and self and inclusive time by module (an
 * npm package, a Node internal area, or one of our source files).
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  ms: number;
  /** Fraction of the busy (non-idle) time. */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  selfByModule: Share[];
  /** npm packages and our own files only. */
  inclusiveByModule: Share[];
  selfByFunction: Share[];
  /** Self time by layer (see LAYERS), Node's own frames charged to their caller: where (c)'s time goes against (v)'s. */
  byLayer: Share[];
}

// The rows of issue 15's attribution, by module; anything else is "other packages".
// Node's own frames count for their caller (see `chargedModuleOf`), so a socket
// write kafkajs asked for is kafkajs'.
const LAYERS: Array<[string, RegExp]> = [
  ['garbage collection', /^\(garbage collector\)$/],
  ["Node's HTTP server, streams and sockets (no package on the stack)", /^node:(?!internal\/modules|internal\/bootstrap)/],
  ['Express and its router (the layers before the route)', /^(express|router|path-to-regexp|parseurl|finalhandler|encodeurl|on-finished|depd|merge-descriptors|qs|send|statuses|vary|accepts|negotiator|mime-types|mime-db|fresh|range-parser|etag|content-disposition|cookie|cookie-signature|proxy-addr|forwarded|ipaddr\.js|methods|utils-merge|setprototypeof|http-errors|destroy|ee-first|unpipe|once|wrappy|debug|ms|escape-html|src\/http\/(deprecation|docs-routes|metrics-route|operations-routes|order-admission|route-of)\.js)$/],
  ['helmet and CORS', /^(helmet|cors|object-assign|src\/http\/(security-headers|cors)\.js)$/],
  ['the body reader', /^(body-parser|raw-body|iconv-lite|type-is|content-type|bytes|safer-buffer|src\/http\/json-(body|depth)\.js)$/],
  ["the validator's middlewares and Ajv (our key check included)", /^(express-openapi-validator|ajv|ajv-formats|ajv-draft-04|fast-deep-equal|fast-uri|json-schema-traverse|lodash\.[a-z]+|media-typer|@apidevtools\/.+|json-schema-ref-parser|call-me-maybe|src\/http\/(auth|api-keys)\.js)$/],
  ['our order route and event building (UUIDv5, dates, request id)', /^(uuid|src\/orders\/(order-event|created-at)\.js|src\/http\/(orders-routes|request-id|trace-context|api-error|error-handler)\.js)$/],
  ['the idempotency window', /^src\/orders\/(idempotency-window|idempotency-store|shared-idempotency)\.js$/],
  ['the send queue, its timers and promises, the record', /^src\/kafka\/.+\.js$/],
  ['kafkajs (encoding, partitioner, CRC-32C, broker socket)', /^kafkajs$/],
  ['metrics and the log line', /^(pino|pino-std-serializers|sonic-boom|quick-format-unescaped|thread-stream|on-exit-leak-free|atomic-sleep|fast-redact|safe-stable-stringify|prom-client|tdigest|bintrees|src\/(http\/request-(log|metrics|observer)|metrics|logger)\.js)$/],
  ['the rest of src/', /^src\/.+$/],
  ['start-up, and (program): native time V8 cannot place', /^(node:internal\/modules|node:internal\/bootstrap|yaml|\(program\))$/],
  ['the bench target itself', /^bench\//],
];

// The functions of an outgoing message that put the answer on its socket.
const RESPONSE_WRITES = new Set(['end', 'write', '_writeRaw', '_send', 'writeHead', '_implicitHeader']);

function layerOf(module: string): string {
  return LAYERS.find(([, pattern]) => pattern.test(module))?.[0] ?? 'other packages';
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** `file:///…/node_modules/@scope/pkg/…` → `@scope/pkg`; `node:internal/http/…` → `node:internal/http`; our files → `src/…`. */
export function moduleOf({ functionName, url }: CallFrame): string {
  if (SPECIAL.has(functionName)) return functionName;
  if (!url) return '(V8 builtins and native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const ours = /\/(src|bench)\/(.+)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

/** `name (module file:line)`, or just the name for V8's own entries. */
function describe(frame: CallFrame): string {
  const module = moduleOf(frame);
  if (module === frame.functionName) return module;
  if (module.startsWith('(')) return `${frame.functionName || '(anonymous)'} ${module}`;
  const file = frame.url.startsWith('node:') ? frame.url : `${module}${module.includes('/') ? '' : ` ${frame.url.slice(frame.url.lastIndexOf('/') + 1)}`}`;
  return `${frame.functionName || '(anonymous)'} (${file}:${frame.lineNumber + 1})`;
}

function top(totals: Map<string, number>, busyMs: number, count: number): Share[] {
  return [...totals]
    .sort((x, y) => y[1] - x[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms: Math.round(ms), share: ms / busyMs }));
}

function add(totals: Map<string, number>, key: string, ms: number) {
  totals.set(key, (totals.get(key) ?? 0) + ms);
}

/**
 * @example
 * const summary = summariseProfile(JSON.parse(readFileSync('CPU.cpuprofile', 'utf8')));
 * console.log(summary.selfByModule.slice(0, 5));
 */
export function summariseProfile(profile: CpuProfile, count = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  // A V8 builtin or native function (JSON.parse, a socket write) counts for the module that called it.
  const callerWithSource = (id: number): CallFrame => {
    let frame = byId.get(id)!.callFrame;
    for (let at = parentOf.get(id); !frame.url && !SPECIAL.has(frame.functionName) && at !== undefined; at = parentOf.get(at)) {
      frame = byId.get(at)!.callFrame;
    }
    return frame;
  };
  // Node's own code counts for the package or file of ours that called it (the broker socket's
  // writes are kafkajs', helmet's setHeader calls helmet's), except the answer's own socket write,
  // which every target pays alike and stays Node's row, like the HTTP parser.
  const chargedModuleOf = (id: number): string => {
    const own = moduleOf(callerWithSource(id));
    if (!own.startsWith('node:') || own.startsWith('node:internal/modules') || own.startsWith('node:internal/bootstrap')) return own;
    for (let at = parentOf.get(id); at !== undefined; at = parentOf.get(at)) {
      const { callFrame } = byId.get(at)!;
      if (callFrame.url === 'node:_http_outgoing' && RESPONSE_WRITES.has(callFrame.functionName)) return own;
      const name = moduleOf(callFrame);
      if (!name.startsWith('node:') && !name.startsWith('(')) return name;
    }
    return own;
  };
  const layerMs = new Map<string, number>();
  const selfModule = new Map<string, number>();
  const inclusiveModule = new Map<string, number>();
  const selfFunction = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  profile.samples.forEach((id, i) => {
    // A sample lasts until the next one.
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    if (node.callFrame.functionName === '(idle)') return void (idleMs += ms);
    busyMs += ms;
    add(selfModule, moduleOf(callerWithSource(id)), ms);
    add(layerMs, layerOf(chargedModuleOf(id)), ms);
    add(selfFunction, describe(node.callFrame), ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const name = moduleOf(byId.get(at)!.callFrame);
      // Node's own frames (the event loop, streams) are on nearly every stack: only packages and our code say something.
      if (name.startsWith('node:') || name.startsWith('(')) continue;
      if (!seen.has(name)) {
        seen.add(name);
        add(inclusiveModule, name, ms);
      }
    }
  });
  return {
    busyMs: Math.round(busyMs),
    idleMs: Math.round(idleMs),
    selfByModule: top(selfModule, busyMs, count),
    inclusiveByModule: top(inclusiveModule, busyMs, count),
    selfByFunction: top(selfFunction, busyMs, count),
    byLayer: top(layerMs, busyMs, LAYERS.length + 1),
  };
}
