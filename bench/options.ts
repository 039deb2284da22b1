/**
 * The harness' command line: which mode, how long each phase lasts, where
 * the results go. Every duration can be overridden, and the full run stays
 * bounded (about five minutes with the defaults).
 */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  smoke: boolean;
  /** Measure nothing: write the report again from the output directory's results.json (after editing findings.md, say). */
  renderOnly: boolean;
  /** Seconds of closed-loop load per target, after `warmupSeconds`. */
  sustainedSeconds: number;
  warmupSeconds: number;
  /** Seconds per fixed-rate step, after `fixedRateWarmupSeconds` at the same rate. */
  fixedRateSeconds: number;
  fixedRateWarmupSeconds: number;
  /** Fractions of (c)'s maximum throughput at which the fixed-rate steps run. */
  rateFractions: number[];
  /** Seconds of sustained load on (c) while its RSS is sampled. */
  soakSeconds: number;
  /** Concurrent connections of the closed-loop runs, the same for every target. */
  connections: number;
  /** Run (b) and (c) once more under `node --cpu-prof` and summarise where the time goes. */
  profile: boolean;
  /** Keep the `.cpuprofile` files here (open them in Chrome DevTools); deleted otherwise. */
  profileDir: string | undefined;
  outDir: string;
  kafkaPort: number;
  logLevel: string;
  /** Only these targets (letters a to e, and v); all by default. */
  only: string[];
  /** Concurrent requests of the new-connection-per-request runs (ab without -k). */
  newConnectionConcurrency: number;
  /** The targets also measured with a new connection per request, beside (e). */
  newConnectionTargets: string[];
  /** Rounds and seconds per round of the side-by-side CPU comparison of (v) and (c) (see cpu-rounds.ts). */
  ratioRounds: number;
  ratioSeconds: number;
  /** Also compare (c) with these `--max-semi-space-size` values (MB) in that comparison. */
  semiSpaces: number[];
  /** Run vegeta at each of (c)'s fixed rates too. */
  vegeta: boolean;
}

const USAGE = `npm run bench -- [--smoke] [--soak] [--render-only] [--sustained S] [--warmup S] [--fixed S] [--fixed-warmup S]
  [--rates 0.25,0.5,0.75,1] [--soak-seconds S] [--connections N] [--no-profile]
  [--profile-dir DIR] [--out DIR] [--kafka-port PORT] [--log-level LEVEL] [--only a,b,c,d,e,v]
  [--ab-concurrency N] [--ratio-rounds N] [--ratio-seconds S] [--semi-space 8,16,32,64] [--no-vegeta]`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      soak: { type: 'boolean', default: false },
      'render-only': { type: 'boolean', default: false },
      sustained: { type: 'string' },
      warmup: { type: 'string' },
      fixed: { type: 'string' },
      'fixed-warmup': { type: 'string' },
      rates: { type: 'string' },
      'soak-seconds': { type: 'string' },
      connections: { type: 'string' },
      'no-profile': { type: 'boolean', default: false },
      'profile-dir': { type: 'string' },
      out: { type: 'string' },
      'kafka-port': { type: 'string' },
      'log-level': { type: 'string' },
      only: { type: 'string' },
      'ab-concurrency': { type: 'string' },
      'ratio-rounds': { type: 'string' },
      'ratio-seconds': { type: 'string' },
      'semi-space': { type: 'string' },
      'no-vegeta': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const smoke = values.smoke;
  const number = (raw: string | undefined, fallback: number): number => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`expected a positive number, got "${raw}"\n${USAGE}`);
    return value;
  };
  const only = values.only ? values.only.split(',') : ['a', 'b', 'c', 'd', 'e', 'v'];
  return {
    smoke,
    renderOnly: values['render-only'],
    sustainedSeconds: number(values.sustained, smoke ? 2 : 10),
    warmupSeconds: number(values.warmup, smoke ? 1 : 3),
    fixedRateSeconds: number(values.fixed, smoke ? 1 : 8),
    fixedRateWarmupSeconds: number(values['fixed-warmup'], smoke ? 0.5 : 2),
    rateFractions: values.rates ? values.rates.split(',').map((rate) => number(rate, 1)) : smoke ? [0.5] : [0.25, 0.5, 0.75, 1],
    soakSeconds: number(values['soak-seconds'], values.soak ? 300 : smoke ? 2 : 60),
    connections: number(values.connections, smoke ? 16 : 100),
    profile: !smoke && !values['no-profile'],
    profileDir: values['profile-dir'],
    outDir: values.out ?? (smoke ? 'test-results/bench-smoke' : 'docs'),
    kafkaPort: number(values['kafka-port'], 21092),
    logLevel: values['log-level'] ?? 'info',
    only,
    newConnectionConcurrency: number(values['ab-concurrency'], smoke ? 4 : 16),
    // Only beside (e), which cannot be measured otherwise.
    newConnectionTargets: only.includes('e') ? ['c'] : [],
    ratioRounds: number(values['ratio-rounds'], smoke ? 1 : 3),
    ratioSeconds: number(values['ratio-seconds'], smoke ? 1 : 6),
    semiSpaces: values['semi-space'] ? values['semi-space'].split(',').map((mb) => number(mb, 8)) : [],
    vegeta: !values['no-vegeta'],
  };
}
