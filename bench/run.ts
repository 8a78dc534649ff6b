/**
 * `npm run bench`: the gateway against a raw fan-out floor for each bench query
 * (bench/queries.ts), and for the alarms query also a plain Apollo peer, with the vendor
 * simulators at a fixed latency. Each target runs in its own process; the simulators run here;
 * the closed-loop load comes from yet another process (`test/support/runLoad`), one target at a
 * time. Per query it reports throughput and latency at each concurrency, vendor calls per query
 * ÷ the floor's, and sequential waves of vendor calls ÷ the query's depth.
 *
 * Environment: BENCH_QUERIES (comma-separated names; all by default), BENCH_LATENCY_MS (20),
 * BENCH_CONCURRENCY (1,8,32), BENCH_SECONDS (6 per target and concurrency: the default run of
 * every query stays under ten minutes), BENCH_OUT (test-artifacts/bench/latest.json).
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startVendorSimulator, type RunningSimulator } from '../src/simulators/index.js';
import { startSimulator } from '../src/simulators/kit/index.js';
import { createLexiangSimulator, createTeamStore } from '../src/simulators/lexiang/index.js';
import { thingsCloudDemoCredentials, withThingsCloudOptions } from '../src/simulators/thingscloud/index.js';
import { withMaxCloudOptions } from '../src/simulators/maxcloud/index.js';
import { createZammadStore, withZammadOptions } from '../src/simulators/zammad/index.js';
import { runLoad } from '../test/support/runLoad.js';
import { assertLoopback, startChild, type RunningChild, type ThingsCloudTarget } from './common.js';
import { createFloorVendors, TOKEN_ROUTES } from './floorVendors.js';
import { measureCalls } from './measureQuery.js';
import { formatPhases, splitByPhase } from './profilePhases.js';
import { selectQueries, type Variables } from './queries.js';
import { vendorEnv } from './vendorEnv.js';

/** Posts of each query to each target before its load runs: warm-ups, then the one whose calls are counted. */
const PROFILE_POSTS = 4;

export type TargetName = 'raw' | 'apollo' | 'gateway';

export interface BenchOptions {
  latencyMs: number;
  concurrencies: number[];
  seconds: number;
  /** Bench query names; all when empty or left out. */
  queries?: string[];
  /** Run the gateway under `--cpu-prof` and split its CPU by phase of a request (BENCH_PROFILE=1). */
  profile?: boolean;
  log?: (line: string) => void;
}

export interface BenchRow {
  query: string;
  target: TargetName;
  concurrency: number;
  seconds: number;
  ok: number;
  /** Answers other than HTTP 200 (503 shed and anything else). */
  failed: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  /** This target's p50/p95 minus the raw floor's at the same concurrency. */
  addedP50: number;
  addedP95: number;
  /** This target's throughput ÷ the raw floor's at the same concurrency. */
  throughputVsRaw: number;
  /** Vendor calls for one query (token acquisition excluded), from the simulator counters. */
  callsPerQuery: number;
  callsVsFloor: number;
  /** Sequential rounds of vendor calls of one query at concurrency 1. */
  waves: number;
  wavesVsFloor: number;
  /** Vendor calls during the load ÷ answers (includes requests still in flight at the end). */
  loadCallsPerAnswer: number;
}

export interface TargetInfo {
  target: TargetName;
  callsPerQuery: number;
  /** `vendor METHOD /route` → calls, for one query. */
  callsByRoute: Record<string, number>;
  waves: number;
  /** Whether its `data` for the query equals the raw floor's. */
  sameDataAsFloor: boolean;
}

export interface GoalCheck {
  /** Gateway throughput ÷ raw at the concurrency where the gateway peaked. */
  throughputVsRawAtPeak: number;
  peakConcurrency: number;
  /** The concurrency whose gateway throughput is closest to half its peak, and the added latency there. */
  halfPeakConcurrency: number;
  addedP50AtHalfPeak: number;
  addedP95AtHalfPeak: number;
  /** Gateway calls per query ÷ the floor's (the minimum). */
  callsVsFloor: number;
  /** Gateway waves ÷ the floor's (the query's dependency depth). */
  wavesVsFloor: number;
  met: { throughput: boolean; latencyP50: boolean; latencyP95: boolean; calls: boolean; waves: boolean };
}

export interface QueryResult {
  name: string;
  title: string;
  text: string;
  variables: Variables;
  depth: number;
  targets: TargetInfo[];
  goals: GoalCheck;
}

export interface BenchResult {
  startedAt: string;
  node: string;
  /** The gateway's settings that differ from its defaults for the bench. */
  gatewaySettings: Record<string, string>;
  /** With `profile`: the gateway's CPU per answer by phase, as a table. */
  phases?: string;
  latencyMs: number;
  /** The latency the simulators had while one query's calls and waves were counted. */
  profileLatencyMs: number;
  seconds: number;
  concurrencies: number[];
  queries: QueryResult[];
  rows: BenchRow[];
}

const API_KEY = 'bench-api-key-0123456789';
/** As `npm start` and the Dockerfile run the gateway; `BENCH_GATEWAY_NODE_ARGS` (space-separated) sets others. */
const GATEWAY_NODE_ARGS = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '--max-semi-space-size=64').split(' ').filter(Boolean);
/**
 * Waves are told apart only when the calls of one wave overlap. Below this latency they may not,
 * as a target spends CPU between sending one call of a wave and the next; the few profiling
 * requests run at least at this latency, the load at BENCH_LATENCY_MS.
 */
const MIN_PROFILE_LATENCY_MS = 50;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Endpoint {
  target: TargetName;
  url: string;
  headers: Record<string, string>;
  body: string;
}

async function post(endpoint: Endpoint): Promise<unknown> {
  const response = await fetch(endpoint.url, { method: 'POST', headers: { 'content-type': 'application/json', ...endpoint.headers }, body: endpoint.body });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (response.status !== 200 || body.errors) throw new Error(`${endpoint.target} ${endpoint.url} answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const queries = selectQueries(options.queries ?? []);
  const sims = await Promise.all([
    startVendorSimulator('dreamreflex', { log: () => {} }),
    startSimulator('lexiang', (runtime) => createLexiangSimulator(runtime, { teams: createTeamStore() }), { log: () => {} }),
    startSimulator('thingscloud', withThingsCloudOptions({}), { log: () => {} }),
    startSimulator('zammad', withZammadOptions({ store: createZammadStore() }), { log: () => {} }),
    startSimulator('maxcloud', withMaxCloudOptions({}), { log: () => {} }),
  ]);
  const [dreamreflex, lexiang, thingscloud, zammad, maxcloud] = sims as [RunningSimulator, RunningSimulator, RunningSimulator, RunningSimulator, RunningSimulator];
  const simulators = { thingscloud, lexiang, dreamreflex, zammad, maxcloud };
  const env = vendorEnv({ dreamreflex: dreamreflex.url, lexiang: lexiang.url, thingscloud: thingscloud.url, zammad: zammad.url, maxcloud: maxcloud.url });
  const setup = createFloorVendors(env);
  const children: RunningChild[] = [];
  const killAll = () => children.forEach((c) => c.child.kill('SIGKILL'));
  process.once('exit', killAll);
  const setLatency = (latencyMs: number) => sims.forEach((s) => s.setFaults({ latencyMs }));
  const profileDir = options.profile ? await mkdtemp(join(tmpdir(), 'tessera-bench-profile-')) : undefined;
  let gatewayAnswers = 0;
  try {
    const withApollo = queries.some((q) => q.name === 'alarms');
    const thingsCloudTarget: ThingsCloudTarget = {
      baseUrl: thingscloud.url,
      appId: thingsCloudDemoCredentials.appId,
      accessKey: thingsCloudDemoCredentials.accessKey,
      secretKey: thingsCloudDemoCredentials.secretKey,
    };
    const [raw, gateway, apollo] = await Promise.all([
      startChild('./rawFloor.ts', env),
      startChild('./gatewayProcess.ts', { ...env, ...gatewaySettings(), TESSERA_API_KEYS: API_KEY }, { nodeArgs: [...GATEWAY_NODE_ARGS, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])] }),
      ...(withApollo ? [startChild('./apolloPeer.ts', thingsCloudTarget)] : []),
    ]);
    children.push(raw!, gateway!, ...(apollo ? [apollo] : []));
    for (const c of children) assertLoopback(c.url);
    log(`targets: raw ${raw!.url}, gateway ${gateway!.url}${apollo ? `, apollo ${apollo.url}` : ''}; vendor latency ${options.latencyMs} ms`);

    const profileLatencyMs = Math.max(options.latencyMs, MIN_PROFILE_LATENCY_MS);
    const results: QueryResult[] = [];
    const rows: BenchRow[] = [];
    for (const query of queries) {
      const variables = query.prepare ? await query.prepare(setup) : {};
      const body = JSON.stringify({ query: query.text, variables });
      const endpoints: Endpoint[] = [
        { target: 'raw', url: `${raw!.url}${query.name}`, headers: {}, body },
        ...(apollo && query.name === 'alarms' ? [{ target: 'apollo' as const, url: apollo.url, headers: {}, body }] : []),
        { target: 'gateway', url: gateway!.url, headers: { 'x-api-key': API_KEY }, body },
      ];
      const targets = await profileTargets(endpoints, simulators, () => setLatency(profileLatencyMs), () => setLatency(options.latencyMs));
      gatewayAnswers += PROFILE_POSTS;
      const floor = targets[0]!;
      log(`${query.name}: ${targets.map((t) => `${t.target} ${t.callsPerQuery} calls in ${t.waves} waves`).join(', ')}`);

      const queryRows: BenchRow[] = [];
      for (const concurrency of options.concurrencies) {
        let rawRow: BenchRow | undefined;
        for (const endpoint of endpoints) {
          for (const sim of sims) sim.requests.reset();
          const result = await runLoad({
            url: endpoint.url,
            clients: concurrency,
            durationMs: Math.round(options.seconds * 1000),
            maxRequestsPerClient: 10_000_000,
            headers: endpoint.headers,
            body,
          });
          const sorted = [...result.okMs].sort((a, b) => a - b);
          const info = targets.find((t) => t.target === endpoint.target)!;
          const loadCalls = sims.reduce((sum, s) => sum + s.requests.count() - [...TOKEN_ROUTES].reduce((t, r) => t + s.requests.count(r), 0), 0);
          const row: BenchRow = {
            query: query.name,
            target: endpoint.target,
            concurrency,
            seconds: round(result.seconds, 2),
            ok: result.ok,
            failed: result.shed + result.other,
            throughput: round(result.ok / result.seconds),
            p50: round(percentile(sorted, 50), 2),
            p95: round(percentile(sorted, 95), 2),
            p99: round(percentile(sorted, 99), 2),
            addedP50: 0,
            addedP95: 0,
            throughputVsRaw: 1,
            callsPerQuery: info.callsPerQuery,
            callsVsFloor: round(info.callsPerQuery / floor.callsPerQuery, 3),
            waves: info.waves,
            wavesVsFloor: round(info.waves / floor.waves, 3),
            loadCallsPerAnswer: round(loadCalls / Math.max(1, result.ok), 2),
          };
          if (endpoint.target === 'gateway') gatewayAnswers += result.ok + result.other;
          rawRow ??= row;
          row.addedP50 = round(row.p50 - rawRow.p50, 2);
          row.addedP95 = round(row.p95 - rawRow.p95, 2);
          row.throughputVsRaw = round(row.throughput / rawRow.throughput, 3);
          queryRows.push(row);
          log(`  ${query.name} ${endpoint.target} @${concurrency}: ${row.throughput} req/s, p50 ${row.p50} ms`);
        }
      }
      rows.push(...queryRows);
      results.push({ name: query.name, title: query.title, text: query.text, variables, depth: query.depth, targets, goals: goalCheck(queryRows, targets) });
    }
    let phases: string | undefined;
    if (profileDir) {
      await gateway!.stop(); // writes the profile
      const file = (await readdir(profileDir)).find((name) => name.endsWith('.cpuprofile'));
      if (file) {
        const profile = JSON.parse(await readFile(join(profileDir, file), 'utf8')) as Parameters<typeof splitByPhase>[0];
        phases = formatPhases(splitByPhase(profile), gatewayAnswers);
        log(`gateway CPU profile: ${join(profileDir, file)}`);
      }
    }
    return {
      startedAt: new Date().toISOString(),
      node: process.version,
      gatewaySettings: gatewaySettings(),
      phases,
      latencyMs: options.latencyMs,
      profileLatencyMs,
      seconds: options.seconds,
      concurrencies: options.concurrencies,
      queries: results,
      rows,
    };
  } finally {
    setup.close();
    await Promise.all(children.map((c) => c.stop()));
    process.removeListener('exit', killAll);
    await Promise.all(sims.map((s) => s.close()));
  }
}

/**
 * Warms each target up (tokens, JIT), then counts one query's vendor calls and waves with the
 * simulators at the profiling latency, and checks its data against the floor's (the first).
 */
async function profileTargets(
  endpoints: Endpoint[],
  simulators: Record<string, RunningSimulator>,
  profiling: () => void,
  done: () => void,
): Promise<TargetInfo[]> {
  const infos: TargetInfo[] = [];
  let floorData: unknown;
  for (const endpoint of endpoints) {
    for (let i = 0; i < PROFILE_POSTS - 1; i++) await post(endpoint);
    profiling();
    try {
      const { result: data, profile } = await measureCalls(simulators, () => post(endpoint));
      if (endpoint.target === 'raw') floorData = data;
      infos.push({ target: endpoint.target, callsPerQuery: profile.calls, callsByRoute: profile.callsByRoute, waves: profile.waves, sameDataAsFloor: isDeepStrictEqual(data, floorData) });
    } finally {
      done();
    }
  }
  return infos;
}

function goalCheck(rows: BenchRow[], targets: TargetInfo[]): GoalCheck {
  const gatewayRows = rows.filter((r) => r.target === 'gateway');
  const peak = gatewayRows.reduce((a, b) => (b.throughput > a.throughput ? b : a));
  const half = gatewayRows.reduce((a, b) => (Math.abs(b.throughput - peak.throughput / 2) < Math.abs(a.throughput - peak.throughput / 2) ? b : a));
  const floor = targets.find((t) => t.target === 'raw')!;
  const gateway = targets.find((t) => t.target === 'gateway')!;
  const callsVsFloor = round(gateway.callsPerQuery / floor.callsPerQuery, 3);
  const wavesVsFloor = round(gateway.waves / floor.waves, 3);
  return {
    throughputVsRawAtPeak: peak.throughputVsRaw,
    peakConcurrency: peak.concurrency,
    halfPeakConcurrency: half.concurrency,
    addedP50AtHalfPeak: half.addedP50,
    addedP95AtHalfPeak: half.addedP95,
    callsVsFloor,
    wavesVsFloor,
    met: {
      throughput: peak.throughputVsRaw >= 0.8,
      latencyP50: half.addedP50 <= 2,
      latencyP95: half.addedP95 <= 5,
      calls: gateway.callsPerQuery === floor.callsPerQuery,
      waves: gateway.waves === floor.waves,
    },
  };
}

/** The result as a plain-text table, then per query its calls and the goal check with each figure next to its target. */
export function formatTable(result: BenchResult): string {
  const head = ['query', 'target', 'conc', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', '+p50 ms', '+p95 ms', '÷raw', 'calls/q', 'calls÷floor', 'waves', 'waves÷depth', 'non-200'];
  const body = result.rows.map((r) => [
    r.query, r.target, String(r.concurrency), r.throughput.toFixed(1), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1),
    r.addedP50.toFixed(1), r.addedP95.toFixed(1), r.throughputVsRaw.toFixed(2), String(r.callsPerQuery), r.callsVsFloor.toFixed(2),
    String(r.waves), r.wavesVsFloor.toFixed(2), String(r.failed),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i <= 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const yes = (b: boolean) => (b ? 'met' : 'NOT met');
  const perQuery = result.queries.flatMap((q) => {
    const g = q.goals;
    const floor = q.targets.find((t) => t.target === 'raw')!;
    const gateway = q.targets.find((t) => t.target === 'gateway')!;
    return [
      '',
      `${q.name} — ${q.title} (depth ${q.depth})`,
      ...q.targets.map((t) => `  ${t.target}: ${t.callsPerQuery} calls in ${t.waves} waves ${JSON.stringify(t.callsByRoute)}${t.sameDataAsFloor ? '' : '  (data differs from the floor!)'}`),
      `  goal throughput ≥ 0.80× raw: ${g.throughputVsRawAtPeak.toFixed(2)}× at the gateway's peak (conc ${g.peakConcurrency}) — ${yes(g.met.throughput)}`,
      `  goal added latency ≤ 2 ms p50 / 5 ms p95 at half of peak (conc ${g.halfPeakConcurrency}): +${g.addedP50AtHalfPeak.toFixed(1)} / +${g.addedP95AtHalfPeak.toFixed(1)} ms — p50 ${yes(g.met.latencyP50)}, p95 ${yes(g.met.latencyP95)}`,
      `  goal calls ÷ minimum = 1.00: ${g.callsVsFloor.toFixed(2)} (${gateway.callsPerQuery} ÷ ${floor.callsPerQuery}) — ${yes(g.met.calls)}`,
      `  goal waves ÷ depth = 1.00: ${g.wavesVsFloor.toFixed(2)} (${gateway.waves} ÷ ${floor.waves}) — ${yes(g.met.waves)}`,
    ];
  });
  return [
    `vendor latency ${result.latencyMs} ms (${result.profileLatencyMs} ms while counting calls and waves), ${result.seconds} s per run`,
    `gateway settings: node ${GATEWAY_NODE_ARGS.join(' ')}, ${Object.entries(result.gatewaySettings).map(([k, v]) => `${k}=${v}`).join(' ')} (the raw floor and the Apollo peer have no cap on vendor connections)`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    ...perQuery,
    ...(result.phases ? ['', result.phases] : []),
  ].join('\n');
}

/**
 * The gateway's own settings for the bench: the raw floor has no cap on connections to a vendor,
 * so the gateway's process-wide cap (default 64) is raised to its maximum, lest the bench measure
 * the cap rather than the gateway. `BENCH_GATEWAY_MAX_SOCKETS` sets another.
 */
function gatewaySettings(): Record<string, string> {
  return { TESSERA_VENDOR_MAX_SOCKETS: process.env.BENCH_GATEWAY_MAX_SOCKETS ?? '1024' };
}

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, not "${raw}"`);
  return n;
}

async function main() {
  const concurrencies = (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map((s) => Number(s.trim()));
  if (concurrencies.some((c) => !Number.isInteger(c) || c < 1 || c > 1000)) throw new Error('BENCH_CONCURRENCY must be integers 1–1000, comma-separated');
  const options: BenchOptions = {
    latencyMs: numberFromEnv('BENCH_LATENCY_MS', 20),
    concurrencies,
    seconds: numberFromEnv('BENCH_SECONDS', 6),
    queries: (process.env.BENCH_QUERIES ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
    profile: process.env.BENCH_PROFILE === '1',
    log: (line) => process.stderr.write(`${line}\n`),
  };
  const result = await runBench(options);
  process.stdout.write(`${formatTable(result)}\n`);
  const out = process.env.BENCH_OUT ?? fileURLToPath(new URL('../test-artifacts/bench/latest.json', import.meta.url));
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write(`wrote ${out}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}

