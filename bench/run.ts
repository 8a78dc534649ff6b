/**
 * `npm run bench`: the gateway against a raw fan-out floor and a plain Apollo peer, for one
 * query ("100 alarms, each with its device, the device's type and its groups"), with the
 * vendor simulators at a fixed latency. Each target runs in its own process; the simulators
 * run here; the closed-loop load comes from yet another process (`test/support/runLoad`), one
 * target at a time.
 *
 * Environment: BENCH_LATENCY_MS (20), BENCH_CONCURRENCY (1,8,32), BENCH_SECONDS (10),
 * BENCH_OUT (test-artifacts/bench/latest.json).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startVendorSimulator, type RunningSimulator } from '../src/simulators/index.js';
import { startSimulator } from '../src/simulators/kit/index.js';
import { createLexiangSimulator, createTeamStore, lexiangDemoCredentials } from '../src/simulators/lexiang/index.js';
import { thingsCloudDemoCredentials, withThingsCloudOptions } from '../src/simulators/thingscloud/index.js';
import { maxCloudDemoCredentials, withMaxCloudOptions } from '../src/simulators/maxcloud/index.js';
import { createZammadStore, withZammadOptions, zammadDemoCredentials } from '../src/simulators/zammad/index.js';
import { dreamreflexDemoAccounts } from '../src/simulators/index.js';
import { runLoad } from '../test/support/runLoad.js';
import { BENCH_QUERY, assertLoopback, startChild, type RunningChild, type ThingsCloudTarget } from './common.js';

export type TargetName = 'raw' | 'apollo' | 'gateway';

export interface BenchOptions {
  latencyMs: number;
  concurrencies: number[];
  seconds: number;
  log?: (line: string) => void;
}

export interface BenchRow {
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
  /** ThingsCloud calls for one query (token acquisition excluded), from the simulator counter. */
  callsPerQuery: number;
  callsVsFloor: number;
  /** ThingsCloud calls during the load ÷ answers (includes requests still in flight at the end). */
  loadCallsPerAnswer: number;
}

export interface TargetInfo {
  target: TargetName;
  callsPerQuery: number;
  callsByRoute: Record<string, number>;
  /** Whether its `data` for the bench query equals the raw floor's. */
  sameDataAsFloor: boolean;
}

export interface BenchResult {
  startedAt: string;
  node: string;
  latencyMs: number;
  seconds: number;
  concurrencies: number[];
  query: string;
  targets: TargetInfo[];
  rows: BenchRow[];
  goals: GoalCheck;
}

export interface GoalCheck {
  /** Gateway throughput ÷ raw at the concurrency where the gateway peaked. */
  throughputVsRawAtPeak: number;
  peakConcurrency: number;
  /** The concurrency whose gateway throughput is closest to half its peak, and the added latency there. */
  halfPeakConcurrency: number;
  addedP50AtHalfPeak: number;
  addedP95AtHalfPeak: number;
  callsVsFloor: number;
  met: { throughput: boolean; latencyP50: boolean; latencyP95: boolean; calls: boolean };
}

const API_KEY = 'bench-api-key-0123456789';
const TARGETS: TargetName[] = ['raw', 'apollo', 'gateway'];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function post(url: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: BENCH_QUERY }) });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (response.status !== 200 || body.errors) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const lexiangTeams = createTeamStore();
  const zammadStore = createZammadStore();
  const sims: RunningSimulator[] = await Promise.all([
    startVendorSimulator('dreamreflex', { log: () => {} }),
    startSimulator('lexiang', (runtime) => createLexiangSimulator(runtime, { teams: lexiangTeams }), { log: () => {} }),
    startSimulator('thingscloud', withThingsCloudOptions({}), { log: () => {} }),
    startSimulator('zammad', withZammadOptions({ store: zammadStore }), { log: () => {} }),
    startSimulator('maxcloud', withMaxCloudOptions({}), { log: () => {} }),
  ]);
  const [dreamreflex, lexiang, thingscloud, zammad, maxcloud] = sims as [RunningSimulator, RunningSimulator, RunningSimulator, RunningSimulator, RunningSimulator];
  const children: RunningChild[] = [];
  const killAll = () => children.forEach((c) => c.child.kill('SIGKILL'));
  process.once('exit', killAll);
  try {
    for (const sim of sims) sim.setFaults({ latencyMs: options.latencyMs });
    const demoUser = dreamreflexDemoAccounts[0]!;
    const gatewayEnv: Record<string, string> = {
      DREAMREFLEX_BASE_URL: dreamreflex.url,
      DREAMREFLEX_EMAIL: demoUser.email,
      DREAMREFLEX_PASSWORD: demoUser.password,
      LEXIANG_BASE_URL: lexiang.url,
      LEXIANG_APP_KEY: lexiangDemoCredentials.appKey,
      LEXIANG_APP_SECRET: lexiangDemoCredentials.appSecret,
      THINGSCLOUD_BASE_URL: thingscloud.url,
      THINGSCLOUD_APP_ID: thingsCloudDemoCredentials.appId,
      THINGSCLOUD_ACCESS_KEY: thingsCloudDemoCredentials.accessKey,
      THINGSCLOUD_SECRET_KEY: thingsCloudDemoCredentials.secretKey,
      ZAMMAD_BASE_URL: zammad.url,
      ZAMMAD_TOKEN: zammadDemoCredentials.adminToken,
      MAXCLOUD_BASE_URL: maxcloud.url,
      MAXCLOUD_USERNAME: maxCloudDemoCredentials.email,
      MAXCLOUD_PASSWORD: maxCloudDemoCredentials.password,
      MAXCLOUD_COMPANY_ID: String(maxCloudDemoCredentials.companyId),
      TESSERA_API_KEYS: API_KEY,
    };
    const vendor: ThingsCloudTarget = {
      baseUrl: thingscloud.url,
      appId: thingsCloudDemoCredentials.appId,
      accessKey: thingsCloudDemoCredentials.accessKey,
      secretKey: thingsCloudDemoCredentials.secretKey,
    };
    const started = await Promise.all([
      startChild('./rawFloor.ts', vendor),
      startChild('./apolloPeer.ts', vendor),
      startChild('./gatewayProcess.ts', gatewayEnv),
    ]);
    children.push(...started);
    const urls: Record<TargetName, string> = { raw: started[0].url, apollo: started[1].url, gateway: started[2].url };
    const headers: Record<TargetName, Record<string, string>> = { raw: {}, apollo: {}, gateway: { 'x-api-key': API_KEY } };
    for (const t of TARGETS) assertLoopback(urls[t]);
    log(`targets: ${TARGETS.map((t) => `${t} ${urls[t]}`).join(', ')}; ThingsCloud latency ${options.latencyMs} ms`);

    // Warm up (tokens, JIT), check the answers agree, and count one query's vendor calls.
    const infos: TargetInfo[] = [];
    let floorData: unknown;
    for (const t of TARGETS) {
      for (let i = 0; i < 3; i++) await post(urls[t], headers[t]);
      thingscloud.requests.reset();
      const data = await post(urls[t], headers[t]);
      const byRoute = thingscloud.requests.snapshot();
      delete byRoute['POST /api/v1/access_token'];
      const calls = Object.values(byRoute).reduce((a, b) => a + b, 0);
      if (t === 'raw') floorData = data;
      infos.push({ target: t, callsPerQuery: calls, callsByRoute: byRoute, sameDataAsFloor: isDeepStrictEqual(data, floorData) });
    }
    const floorCalls = infos[0]!.callsPerQuery;

    const rows: BenchRow[] = [];
    for (const concurrency of options.concurrencies) {
      let raw: BenchRow | undefined;
      for (const t of TARGETS) {
        thingscloud.requests.reset();
        const result = await runLoad({
          url: urls[t],
          clients: concurrency,
          durationMs: Math.round(options.seconds * 1000),
          maxRequestsPerClient: 10_000_000,
          headers: headers[t],
          body: JSON.stringify({ query: BENCH_QUERY }),
        });
        const sorted = [...result.okMs].sort((a, b) => a - b);
        const info = infos.find((i) => i.target === t)!;
        const row: BenchRow = {
          target: t,
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
          callsVsFloor: round(info.callsPerQuery / floorCalls, 3),
          loadCallsPerAnswer: round((thingscloud.requests.count() - thingscloud.requests.count('POST /api/v1/access_token')) / Math.max(1, result.ok), 2),
        };
        raw ??= row;
        row.addedP50 = round(row.p50 - raw.p50, 2);
        row.addedP95 = round(row.p95 - raw.p95, 2);
        row.throughputVsRaw = round(row.throughput / raw.throughput, 3);
        rows.push(row);
        log(`  ${t} @${concurrency}: ${row.throughput} req/s, p50 ${row.p50} ms`);
      }
    }

    const gatewayRows = rows.filter((r) => r.target === 'gateway');
    const peak = gatewayRows.reduce((a, b) => (b.throughput > a.throughput ? b : a));
    const half = gatewayRows.reduce((a, b) => (Math.abs(b.throughput - peak.throughput / 2) < Math.abs(a.throughput - peak.throughput / 2) ? b : a));
    const gatewayCalls = infos.find((i) => i.target === 'gateway')!.callsPerQuery / floorCalls;
    const goals: GoalCheck = {
      throughputVsRawAtPeak: peak.throughputVsRaw,
      peakConcurrency: peak.concurrency,
      halfPeakConcurrency: half.concurrency,
      addedP50AtHalfPeak: half.addedP50,
      addedP95AtHalfPeak: half.addedP95,
      callsVsFloor: round(gatewayCalls, 3),
      met: { throughput: peak.throughputVsRaw >= 0.8, latencyP50: half.addedP50 <= 2, latencyP95: half.addedP95 <= 5, calls: gatewayCalls === 1 },
    };
    return {
      startedAt: new Date().toISOString(),
      node: process.version,
      latencyMs: options.latencyMs,
      seconds: options.seconds,
      concurrencies: options.concurrencies,
      query: BENCH_QUERY,
      targets: infos,
      rows,
      goals,
    };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    process.removeListener('exit', killAll);
    await Promise.all(sims.map((s) => s.close()));
  }
}

/** The result as a plain-text table, then the goal check. */
export function formatTable(result: BenchResult): string {
  const head = ['target', 'conc', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', '+p50 ms', '+p95 ms', '÷raw', 'calls/q', 'calls÷floor', 'non-200'];
  const body = result.rows.map((r) => [
    r.target, String(r.concurrency), r.throughput.toFixed(1), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1),
    r.addedP50.toFixed(1), r.addedP95.toFixed(1), r.throughputVsRaw.toFixed(2), String(r.callsPerQuery), r.callsVsFloor.toFixed(2), String(r.failed),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const g = result.goals;
  const yes = (b: boolean) => (b ? 'met' : 'NOT met');
  return [
    `ThingsCloud latency ${result.latencyMs} ms, ${result.seconds} s per run, query: ${result.query}`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    ...result.targets.map((t) => `${t.target}: ${t.callsPerQuery} calls/query ${JSON.stringify(t.callsByRoute)}${t.sameDataAsFloor ? '' : '  (data differs from the floor!)'}`),
    '',
    `goal throughput ≥ 0.80× raw: gateway ${g.throughputVsRawAtPeak.toFixed(2)}× at its peak (conc ${g.peakConcurrency}) — ${yes(g.met.throughput)}`,
    `goal added latency ≤ 2 ms p50 / 5 ms p95 at half of peak load (conc ${g.halfPeakConcurrency}): +${g.addedP50AtHalfPeak.toFixed(1)} / +${g.addedP95AtHalfPeak.toFixed(1)} ms — p50 ${yes(g.met.latencyP50)}, p95 ${yes(g.met.latencyP95)}`,
    `goal calls ÷ minimum = 1.00: gateway ${g.callsVsFloor.toFixed(2)} — ${yes(g.met.calls)}`,
  ].join('\n');
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
    seconds: numberFromEnv('BENCH_SECONDS', 10),
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
