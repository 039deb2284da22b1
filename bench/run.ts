/**
 * `npm run bench`: measures the targets side by side, in one run, on
 * this machine, and writes the report. `--smoke` runs a seconds-long
 * version and exits non-zero if any target fails to serve.
 */
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { startBroker, type Broker } from './broker.js';
import type { RunResult } from './load/latency-summary.js';
import { measureCpuRounds, type Variant } from './cpu-rounds.js';
import { describeMachine } from './machine.js';
import { measureTarget, type TargetResult } from './measure-target.js';
import { parseOptions } from './options.js';
import { BENCH_API_KEY } from './order-body.js';
import { ensureOriginalServiceVenv } from './original-service.js';
import { profileTarget, type ProfileResult } from './profile.js';
import { writeReport } from './report.js';
import type { BenchResults } from './results.js';
import { TARGETS, npmStartNodeFlags } from './target-process.js';

/** Why a target counts as not serving: no success, more than 1 % failed under sustained load, or a rate step with no success. */
function servingProblem({ key, sustained, fixedRate }: TargetResult): string | undefined {
  const failed = sustained.errors + sustained.non2xx;
  if (sustained.ok === 0 || failed > 0.01 * sustained.requests) {
    return `(${key}) sustained: ${sustained.ok} ok, ${sustained.errors} errors, ${sustained.non2xx} non-2xx`;
  }
  const silent = fixedRate.find((step) => step.ok === 0);
  return silent && `(${key}) at ${silent.rate.toFixed(0)} req/s: no successful response (${silent.errors} errors, ${silent.non2xx} non-2xx)`;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.renderOnly) {
    const results = JSON.parse(readFileSync(join(options.outDir, 'benchmarks', 'results.json'), 'utf8')) as BenchResults;
    console.log(`wrote ${writeReport(results, options.outDir)} from the results of ${results.generatedAt}`);
    return 0;
  }
  const selected = TARGETS.filter((target) => options.only.includes(target.key));
  let broker: Broker | undefined;
  process.once('SIGINT', () => {
    broker?.stop();
    process.exit(130);
  });
  // Before any broker or load: it needs PyPI the first time.
  if (selected.some((target) => target.key === 'e')) ensureOriginalServiceVenv();
  const usesKafka = (key: string) => key === 'c' || key === 'd' || key === 'e';
  if (selected.some((target) => usesKafka(target.key))) broker = startBroker(options.kafkaPort);
  try {
    const machine = describeMachine({ kafka: broker?.version ?? 'not used' });
    const env: Record<string, string> = {
      HOST: '127.0.0.1',
      PORT: '0',
      GRPC_PORT: '0',
      LOG_LEVEL: options.logLevel,
      API_KEYS: BENCH_API_KEY,
      KAFKA_TOPIC: `bench-orders-${Date.now()}`,
      ...(broker && { KAFKA_BROKERS: broker.brokers }),
    };
    if (broker) await broker.createTopic(env.KAFKA_TOPIC!);
    const scaled = (max: number) => options.rateFractions.map((fraction) => Math.max(1, Math.round(fraction * max)));
    // (c) runs first: its maximum sets the rates for (a) and (b), so all three meet the same offered load.
    let productMax: number | undefined;
    const targets: TargetResult[] = [];
    for (const spec of [...selected].sort((x, y) => (x.key === 'c' ? -1 : y.key === 'c' ? 1 : 0))) {
      const result = await measureTarget(spec, {
        options,
        env,
        soak: spec.key === 'c' && options.soakSeconds > 0,
        ...(usesKafka(spec.key) && broker?.pid && { brokerPid: broker.pid }),
        ratesFor: (sustained: RunResult) => scaled(spec.key === 'd' ? sustained.throughput : (productMax ??= sustained.throughput)),
      });
      targets.push(result);
    }
    targets.sort((x, y) => x.key.localeCompare(y.key));

    const [v, c] = (['v', 'c'] as const).map((key) => selected.find((target) => target.key === key));
    let cpuRatio: BenchResults['cpuRatio'];
    if (v && c) {
      const variants: Variant[] = [
        { label: 'v', spec: v },
        { label: 'c warn', spec: c, env: { LOG_LEVEL: 'warn' } },
        { label: 'c info', spec: c, env: { LOG_LEVEL: 'info' } },
        ...options.semiSpaces.map((mb): Variant => ({ label: `c info, semi-space ${mb} MB`, spec: c, env: { LOG_LEVEL: 'info' }, nodeFlags: [`--max-semi-space-size=${mb}`] })),
      ];
      console.log(`[cpu] ${variants.map((variant) => variant.label).join(', ')}, side by side: ${options.ratioRounds} rounds of ${options.ratioSeconds} s each`);
      const measured = await measureCpuRounds(variants, { env, rounds: options.ratioRounds, seconds: options.ratioSeconds, warmupSeconds: options.warmupSeconds, connections: options.connections });
      for (const result of measured) console.log(`[cpu] ${result.label}: ${result.medianCpuUs.toFixed(0)} µs/order (rounds ${result.cpuUsPerRequest.map((us) => us.toFixed(0)).join(', ')}), ${result.medianReqPerSecond.toFixed(0)} req/s, peak RSS ${result.peakRssMb.toFixed(0)} MB`);
      cpuRatio = { connections: options.connections, variants: measured };
    }

    const profiles: ProfileResult[] = [];
    if (options.profile) {
      for (const spec of selected.filter((target) => ['b', 'c', 'v'].includes(target.key))) profiles.push(await profileTarget(spec, { options, env, ...(options.profileDir && { keepIn: options.profileDir }) }));
    }

    const results: BenchResults = { generatedAt: new Date().toISOString(), options, machine, targets, profiles, ...(cpuRatio && { cpuRatio }), loadAverageAtEnd: os.loadavg()[0] ?? NaN, npmStartFlags: npmStartNodeFlags() };
    console.log(`wrote ${writeReport(results, options.outDir)}`);
    const problems = targets.map(servingProblem).filter((problem): problem is string => problem !== undefined);
    for (const problem of problems) console.error(`not serving: ${problem}`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    broker?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
