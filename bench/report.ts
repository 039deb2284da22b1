/**
 * Writes the run's outputs: `BENCHMARKS.md`, `benchmarks/results.json` and
 * the charts, under the output directory (`docs/` for a full run).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attributionOf, type AttributionRow } from './attribution.js';
import { lineChart, type Series } from './chart.js';
import { ORDER_BODY, ORDER_PATH } from './order-body.js';
import type { FixedRateResult } from './load/fixed-rate.js';
import type { ProfileResult } from './profile.js';
import { cpuRatiosOf, goalsOf, ratiosOf, type BenchResults } from './results.js';

const COLORS: Record<string, string> = { a: '#1f77b4', b: '#2ca02c', c: '#d62728', d: '#7f7f7f', e: '#8c564b', v: '#9467bd' };
const FINDINGS = fileURLToPath(new URL('../../../bench/findings.md', import.meta.url));

const n = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? value.toFixed(1) : value.toFixed(0)) : 'n/a');
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

function latencyChart(results: BenchResults): string {
  const series: Series[] = results.targets.flatMap((target) => {
    const points = (pick: (step: FixedRateResult) => number) => target.fixedRate.map((step): [number, number] => [step.rate, pick(step)]);
    const color = COLORS[target.key] ?? 'black';
    return [
      { name: `(${target.key}) p99`, color, points: points((step) => step.latency.p99) },
      { name: `(${target.key}) p50`, color, dashed: true, points: points((step) => step.latency.p50) },
    ];
  });
  return lineChart({
    title: 'Latency against offered rate (open loop, corrected for coordinated omission)',
    xLabel: 'offered rate (requests/s, log)',
    yLabel: 'latency (ms, log)',
    series,
    logX: true,
    logY: true,
  });
}

function rssChart(results: BenchResults): string | undefined {
  const soak = results.targets.find((target) => target.soak)?.soak;
  if (!soak) return undefined;
  return lineChart({
    title: `RSS of (c) during ${soak.seconds} s of sustained load`,
    xLabel: 'seconds',
    yLabel: 'RSS (MB)',
    series: [{ name: '(c) RSS', color: COLORS.c!, points: soak.samples }],
  });
}

function profileSection({ key, name, load, summary }: ProfileResult): string {
  const rows = (shares: typeof summary.selfByModule) => shares.map((s) => `| ${s.name.replace(/\|/g, '\\|')} | ${pct(s.share)} |`).join('\n');
  return `### (${key}) ${name}

${n(load.throughput)} req/s while profiled; ${n(summary.busyMs / 1000, 1)} s busy, ${n(summary.idleMs / 1000, 1)} s idle on the main thread.

| layer (self time, start-up included) | share of busy |
|---|---|
${rows(summary.byLayer ?? [])}

| module (self time) | share of busy |
|---|---|
${rows(summary.selfByModule.slice(0, 12))}

| module (inclusive: on the stack) | share of busy |
|---|---|
${rows(summary.inclusiveByModule.slice(0, 12))}

| function (self time) | share of busy |
|---|---|
${rows(summary.selfByFunction.slice(0, 15))}
`;
}

/** The last Node.js 20 figures of this bench (`npm run bench`, 2 December 2026 11:00, v20.20.2, LOG_LEVEL=info, 100 connections), kept as a reference column. */
const NODE_20 = { v: 285, c: 593, ratio: 0.48, p99At75: 786, rssMb: 174 };

function leadSection(results: BenchResults): string {
  const goals = goalsOf(results);
  const cpu = cpuRatiosOf(results);
  const variants = results.cpuRatio?.variants ?? [];
  const row = (label: string) => variants.find((variant) => variant.label === label);
  const us = (label: string) => {
    const found = row(label);
    return found ? `${n(found.medianCpuUs)} (rounds: ${found.cpuUsPerRequest.map((value) => n(value)).join(', ')}); ${n(found.medianReqPerSecond)} req/s` : 'n/a';
  };
  const semiSpaces = variants.filter((variant) => variant.label.includes('semi-space'));
  return `## ${results.machine.node}: the two ratios and issue 15's targets

| goal | target | reached | met |
|---|---|---|---|
${goals.map((g) => `| ${g.name} | ${g.target} | ${g.reached} | ${g.met === undefined ? (g.target === 'reported' ? '' : 'not measured') : g.met ? 'yes' : '**no**'} |`).join('\n')}

CPU per order of (v) and (c) side by side: the processes ran at once and were loaded in turn by the same client (autocannon, ${results.cpuRatio?.connections ?? results.options.connections} connections, the same body), ${results.options.ratioRounds} rounds of ${results.options.ratioSeconds} s each, each round starting with a different one; CPU = user + system time of the process from \`/proc\`, divided by its 2xx answers; the broker's CPU is not counted. Median of the rounds. (c) ran with \`npm start\`'s flags (\`${(results.npmStartFlags ?? []).join(' ') || 'none'}\`), its log written to \`/dev/null\`.

| process | ${results.machine.node}, µs/order | Node.js 20 (reference: 2 Dec 2026 11:00, LOG_LEVEL=info, 100 connections, measured minutes apart) |
|---|---|---|
| (v) express-openapi-validator only, no-op 202 | ${us('v')} | ${NODE_20.v} |
| (c) the service, LOG_LEVEL=warn | ${us('c warn')} | |
| (c) the service, LOG_LEVEL=info, access log to /dev/null | ${us('c info')} | ${NODE_20.c} |
| **cpu(v) / cpu(c), warn** | **${n(cpu.warn ?? NaN, 2)}** | |
| **cpu(v) / cpu(c), info** | **${n(cpu.info ?? NaN, 2)}** | ${NODE_20.ratio} |
| open-loop p99 at 75 % (fixed-rate client), ms | ${ms(results.targets.find((t) => t.key === 'c')?.fixedRate[results.options.rateFractions.indexOf(0.75)]?.latency.p99 ?? NaN)} | ${NODE_20.p99At75} |
| peak RSS of (c) over the soak, MB | ${n(results.targets.find((t) => t.key === 'c')?.soak?.peakRssMb ?? NaN)} | ${NODE_20.rssMb} |
${
  semiSpaces.length
    ? `
(c) with other young-generation sizes, in the same rounds (LOG_LEVEL=info; \`--max-semi-space-size\` in MB):

| variant | µs/order (median) | rounds | req/s | peak RSS MB |
|---|---|---|---|---|
${[row('c info'), ...semiSpaces].filter((variant) => variant !== undefined).map((variant) => `| ${variant.label === 'c info' ? "c info, npm start's flags" : variant.label} | ${n(variant.medianCpuUs)} | ${variant.cpuUsPerRequest.map((value) => n(value)).join(', ')} | ${n(variant.medianReqPerSecond)} | ${n(variant.peakRssMb)} |`).join('\n')}
`
    : ''
}`;
}

function openLoopSection(results: BenchResults): string {
  const c = results.targets.find((target) => target.key === 'c');
  if (!c?.openLoop?.length) return '';
  const f = (value: number | undefined, digits = 1) => (value === undefined ? '' : n(value, digits));
  return `
## (c) open loop: the fixed-rate client, vegeta, and where the tail comes from

The same rates, fractions of (c)'s closed-loop maximum, from the bench's fixed-rate client (latency from each request's due time) and then from vegeta (\`${'github.com/tsenart/vegeta/v12@v12.13.0'}\`, \`attack -rate\` constant, keep-alive, up to 256 workers, ${results.options.fixedRateSeconds} s after ${results.options.fixedRateWarmupSeconds} s of its own warm-up; latency from its send). Event-loop delay, GC and the producer's sends are read off (c)'s \`/metrics\` before and after the fixed-rate client's step (its warm-up included).

| offered req/s | fixed-rate p50 / p90 / p99 ms | vegeta p50 / p90 / p99 ms | vegeta errors + non-2xx | event-loop delay p99 / max ms | GC ms (minor, major, incremental) | sends | sends > 10 ms / > 25 ms | mean send ms | mean batch |
|---|---|---|---|---|---|---|---|---|---|
${c.openLoop
  .map((step, i) => {
    const fixed = c.fixedRate[i];
    const e = step.evidence;
    const vg = step.vegeta;
    return `| ${n(step.rate)} | ${fixed ? `${ms(fixed.latency.p50)} / ${ms(fixed.latency.p90)} / ${ms(fixed.latency.p99)}` : ''} | ${vg ? `${ms(vg.latency.p50)} / ${ms(vg.latency.p90)} / ${ms(vg.latency.p99)}` : 'not run'} | ${vg ? vg.errors + vg.non2xx : ''} | ${e ? `${f(e.eventLoopDelayP99Ms)} / ${f(e.eventLoopDelayMaxMs)}` : ''} | ${e ? `${f(e.gcMs.minor, 0)}, ${f(e.gcMs.major, 0)}, ${f(e.gcMs.incremental, 0)}` : ''} | ${e ? n(e.sends) : ''} | ${e ? `${n(e.sendsOver10Ms)} / ${n(e.sendsOver25Ms)}` : ''} | ${e ? f(e.meanSendMs, 2) : ''} | ${e ? f(e.meanBatchSize, 1) : ''} |`;
  })
  .join('\n')}
${cpuShareTable(c.openLoop, results.machine.cpus)}`;
}

/** Where the machine's CPUs went during each step (bench/cpu-share.ts): the rows of a line add up to the CPUs. */
function cpuShareTable(openLoop: NonNullable<BenchResults['targets'][number]['openLoop']>, machineCpus: number): string {
  const lines = openLoop.flatMap((step) =>
    (['fixedRate', 'vegeta'] as const).flatMap((generator) => {
      const share = step.cpu?.[generator];
      if (!share) return [];
      const cells = [share.service, share.broker, share.generator, share.other, share.steal, share.idle].map((value) => value.toFixed(2));
      cells[0] += ` (main thread ${share.serviceMainThread.toFixed(2)})`;
      return [`| ${n(step.rate)} | ${generator === 'fixedRate' ? 'fixed-rate client (in the harness)' : 'vegeta'} | ${cells.join(' | ')} |`];
    }),
  );
  if (lines.length === 0) return '';
  return `
Where the machine's ${machineCpus} CPUs went during each step, warm-up included, in CPUs (CPU seconds per second; each line adds up to ${machineCpus}, give or take rounding): (c), with what its main thread used (the one thread that runs its JavaScript; near 1.00 it is saturated), the broker, the load generator (the fixed-rate client runs in the harness's own process), every other process, the hypervisor's steal, and idle. From \`/proc/stat\` and \`/proc/<pid>/stat\` (\`bench/cpu-share.ts\`).

| offered req/s | client | (c) | broker | the client itself | other | steal | idle |
|---|---|---|---|---|---|---|---|
${lines.join('\n')}
`;
}

function attributionSection(results: BenchResults): string {
  const rows = attributionOf(results.profiles);
  if (!rows) return '';
  const sum = (pick: (row: AttributionRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const [v, c] = [sum((row) => row.vUs), sum((row) => row.cUs)];
  return `
## Where (c)'s CPU per order exceeds (v)'s

From the two profiled runs below (same client, ${results.options.connections} connections, \`LOG_LEVEL=${results.options.logLevel}\`): each layer's share of the main thread's samples times the CPU µs the main thread used per request meanwhile (\`/proc/<pid>/task/<pid>/stat\`), plus what the process's other threads used. Node's own frames (streams, sockets, promises, timers) count for the nearest package or file of ours below them on the stack (the broker socket's writes are kafkajs', helmet's \`setHeader\` calls helmet's), except the answer's own socket write, which stays Node's row with the HTTP parser; a V8 builtin (\`JSON.parse\`) counts for the module that called it. Each column adds up to that process's CPU per request under the profiler, which costs some of its own, so the totals are above the unprofiled figures.

| layer | (v) µs/request | (c) µs/request | (c) − (v) |
|---|---|---|---|
${rows.map((row) => `| ${row.layer} | ${n(row.vUs)} | ${n(row.cUs)} | ${row.cUs - row.vUs >= 0 ? '+' : ''}${n(row.cUs - row.vUs)} |`).join('\n')}
| **total** | **${n(v)}** | **${n(c)}** | **+${n(c - v)}** |
`;
}

export function renderMarkdown(results: BenchResults, { charts }: { charts: { latency: string; rss?: string } }): string {
  const { machine, options } = results;
  const ratios = ratiosOf(results);
  const fraction = (key: string) => (key === 'd' ? "of (d)'s own maximum" : "of (c)'s maximum");
  const rateRows = results.targets.flatMap((target) =>
    target.fixedRate.map(
      (step, i) =>
        `| (${target.key}) | ${n(step.rate)} (${n((options.rateFractions[i] ?? 0) * 100)} % ${fraction(target.key)}) | ${n(step.throughput)} | ${ms(step.latency.p50)} | ${ms(step.latency.p90)} | ${ms(step.latency.p99)} | ${ms(step.latency.max)} | ${ms(step.uncorrected.p99)} | ${step.errors} | ${step.non2xx} |`,
    ),
  );
  const findings = existsSync(FINDINGS) ? readFileSync(FINDINGS, 'utf8').trim() : '';
  return `# Benchmarks

Written by \`npm run bench\` on ${results.generatedAt}${options.smoke ? ' (**smoke run**: seconds long, the numbers mean nothing)' : ''}. Do not edit by hand: run it again. The findings at the end come from [\`bench/findings.md\`](../bench/findings.md).

## Machine

| | |
|---|---|
| CPUs (\`nproc\`) | ${machine.cpus} |
| CPU | ${machine.cpuModel} |
| memory | ${machine.memoryGb} GB |
| OS | ${machine.platform} |
| Node.js | ${machine.node} |
| Kafka | ${machine.kafka}, one KRaft broker on the same machine |
| load average (1 min) | ${n(machine.loadAverageAtStart, 2)} at the start, ${n(results.loadAverageAtEnd, 2)} at the end |

Load generator, targets and broker share these CPUs, so every figure includes their competition for them.

${leadSection(results)}${openLoopSection(results)}${attributionSection(results)}
## Sustained throughput (closed loop)

autocannon, ${options.connections} connections, ${options.sustainedSeconds} s after ${options.warmupSeconds} s of warm-up. Every request is the same valid v2 order (\`POST ${ORDER_PATH}\`, ${Buffer.byteLength(ORDER_BODY)} bytes of JSON, with an \`X-API-Key\`). Each target runs in its own Node.js process, (b) and (c) with \`LOG_LEVEL=${options.logLevel}\` and their JSON logs written to \`/dev/null\`; (c) with the Node.js flags of \`npm start\` (\`${(results.npmStartFlags ?? []).join(' ') || 'none'}\`); peak RSS is that process's \`VmHWM\` over everything it served${results.targets.some((t) => t.soak) ? ' (for (c), the soak included)' : ''}.

| target | connections | req/s (2xx) | p50 ms | p90 ms | p99 ms | max ms | errors | non-2xx | peak RSS MB | CPU µs/request | broker CPU µs/request |
|---|---|---|---|---|---|---|---|---|---|---|---|
${results.targets.map((t) => `| (${t.key}) ${t.name} | ${t.connections === 'keep-alive' ? `${options.connections} kept alive` : `new per request, ${options.newConnectionConcurrency} at a time (ab)`} | ${n(t.sustained.throughput)} | ${ms(t.sustained.latency.p50)} | ${ms(t.sustained.latency.p90)} | ${ms(t.sustained.latency.p99)} | ${ms(t.sustained.latency.max)} | ${t.sustained.errors} | ${t.sustained.non2xx} | ${n(t.peakRssMb)} | ${n(t.cpuMsPerRequest.target * 1000)} | ${t.cpuMsPerRequest.broker === undefined ? '' : n(t.cpuMsPerRequest.broker * 1000)} |`).join('\n')}

CPU per request is the process's user + system CPU time over the sustained run divided by the successful requests (from \`/proc/<pid>/stat\`): it usually depends far less than req/s on what else the machine is doing, so it is usually the steadier figure for comparing runs (the findings say when it was not).

### A new connection per request: (c) against the original (e)

The original service runs under Flask's development server, which closes every connection after its response; a keep-alive load generator stalls on it and would report a few requests per second. So (e), and (c) beside it, were loaded by ApacheBench **without \`-k\`**: a new TCP connection for every request, ${options.newConnectionConcurrency} requests at a time, ${options.sustainedSeconds} s after ${options.warmupSeconds} s of warm-up (latencies in whole milliseconds, as ab reports them). (e) gets the same body on its own path, \`POST /api/orders/computers\`; it answers 202 without waiting for Kafka, and creates a producer per request that it never closes.

| target | req/s (2xx) | p50 ms | p90 ms | p99 ms | max ms | failed | non-2xx | CPU µs/request | broker CPU µs/request |
|---|---|---|---|---|---|---|---|---|---|
${results.targets
  .flatMap((t) => (t.connections === 'new per request' ? [{ t, run: t.sustained, cpu: t.cpuMsPerRequest }] : t.newConnections ? [{ t, run: t.newConnections.run, cpu: t.newConnections.cpuMsPerRequest }] : []))
  .map(({ t, run, cpu }) => `| (${t.key}) ${t.name} | ${n(run.throughput)} | ${ms(run.latency.p50)} | ${ms(run.latency.p90)} | ${ms(run.latency.p99)} | ${ms(run.latency.max)} | ${run.errors} | ${run.non2xx} | ${n(cpu.target * 1000)} | ${cpu.broker === undefined ? '' : n(cpu.broker * 1000)} |`)
  .join('\n')}

| ratio | value |
|---|---|
| (c)/(v): what is ours, beyond the required validator | ${n(ratios.cOverV ?? NaN, 2)} |
| (c)/(a): the product against the HTTP ceiling | ${n(ratios.cOverA ?? NaN, 2)} |
| (v)/(a): the validator's own cost | ${n(ratios.vOverA ?? NaN, 2)} |
| (b)/(a): the whole app without Kafka | ${n(ratios.bOverA ?? NaN, 2)} |
| (c)/(b): the cost of Kafka | ${n(ratios.cOverB ?? NaN, 2)} |
| (c)/(d): against a producer per request | ${n(ratios.cOverD ?? NaN, 1)} |
| (c)/(e): against the original service, new connection per request | ${n(ratios.cOverE ?? NaN, 1)} |

## Latency against load (open loop)

Each step offers a fixed rate for ${options.fixedRateSeconds} s${options.fixedRateWarmupSeconds ? `, after ${options.fixedRateWarmupSeconds} s at the same rate, on the same connections, whose requests are not recorded (so that a step measures the server at that rate, not the client opening its connections)` : ''}. Request *i* is due at *start + i/rate* whether or not earlier ones were answered, and its latency is measured from that due time, so queueing inside the server and in the client counts (coordinated omission corrected, as wrk2 does). "uncorrected p99" is measured from the moment a connection carried the request, as a closed-loop tool would. (a), (b), (c) and (v) get the same rates, fractions of (c)'s sustained maximum; (d) gets fractions of its own; (e) is not run open loop (see above).

| target | offered req/s | achieved 2xx/s | p50 ms | p90 ms | p99 ms | max ms | uncorrected p99 ms | errors | non-2xx |
|---|---|---|---|---|---|---|---|---|---|
${rateRows.join('\n')}

![latency against rate](benchmarks/${charts.latency})
${
  charts.rss
    ? `
## Memory under sustained load

![RSS of (c) over time](benchmarks/${charts.rss})

${results.targets
  .filter((t) => t.soak)
  .map((t) => `(c) served ${n(t.soak!.load.throughput)} req/s for ${t.soak!.seconds} s, closed loop, peak RSS ${n(t.soak!.peakRssMb)} MB; RSS samples (seconds, MB): ${t.soak!.samples.filter((_, i, all) => i % Math.ceil(all.length / 12) === 0 || i === all.length - 1).map(([s, mb]) => `${n(s)} s: ${n(mb)}`).join(', ')}. The default full run soaks for ${options.soakSeconds} s; \`npm run bench -- --soak\` soaks for 300 s.`)
  .join('\n')}
`
    : ''
}${results.profiles.length ? `\n## Where the time goes (\`node --cpu-prof\`)\n\nEach profiled target ran once more under the same closed-loop load, with the V8 sampling profiler on. Self time is spent in a module's own code (a V8 builtin such as \`JSON.parse\` or a socket write counts for the module that called it); inclusive time is time with the module anywhere on the stack, so the outer frameworks, and any middleware that calls \`next()\` synchronously, collect the time of what runs after them.\n\n${results.profiles.map(profileSection).join('\n')}` : ''}
## Raw figures

[\`benchmarks/results.json\`](benchmarks/results.json) holds every figure above and the options of the run.
${findings ? `\n${findings}\n` : ''}`;
}

export function writeReport(results: BenchResults, outDir: string): string {
  const dir = join(outDir, 'benchmarks');
  mkdirSync(dir, { recursive: true });
  const charts: { latency: string; rss?: string } = { latency: 'latency-vs-rate.svg' };
  writeFileSync(join(dir, charts.latency), latencyChart(results));
  const rss = rssChart(results);
  if (rss) writeFileSync(join(dir, (charts.rss = 'rss-over-time.svg')), rss);
  // The ratios are derived, but written out too so the JSON alone answers the issue's questions.
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify({ ...results, ratios: ratiosOf(results) }, null, 2)}\n`);
  const file = join(outDir, 'BENCHMARKS.md');
  writeFileSync(file, renderMarkdown(results, { charts }));
  return file;
}
