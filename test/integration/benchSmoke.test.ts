/**
 * A short run of `npm run bench` (bench/run.ts) on two of its queries: every target answers
 * under load with the floor's data, and the bench reports calls and waves against the floor's.
 * Whether the gateway reaches the floor's calls and waves is the call-count suite's question
 * (callCounts.test.ts); here only the bench's own arithmetic and the floor's depth are checked.
 */
import { formatTable, runBench, type BenchResult } from '../../bench/run.js';

let result: BenchResult;

beforeAll(async () => {
  result = await runBench({ latencyMs: 5, concurrencies: [2], seconds: 1, queries: ['alarms', 'lexiangNodes'], profile: true });
}, 90_000);

test('each query has the raw floor and the gateway (and the Apollo peer for alarms), each answering with the floor data', () => {
  expect(result.rows.map((r) => `${r.query} ${r.target}`)).toEqual(['alarms raw', 'alarms apollo', 'alarms gateway', 'lexiangNodes raw', 'lexiangNodes gateway']);
  for (const row of result.rows) {
    expect(row.throughput).toBeGreaterThan(0);
    expect(row.failed).toBe(0);
    expect(row.p50).toBeGreaterThan(0);
  }
  for (const query of result.queries) for (const target of query.targets) expect(target.sameDataAsFloor).toBe(true);
  const table = formatTable(result);
  expect(table).toContain('waves÷depth');
  expect(table).toContain('goal calls ÷ minimum = 1.00');
});

test('the floors make their calls in as many waves as the query is deep, and the ratios are against them', () => {
  for (const query of result.queries) {
    const floor = query.targets.find((t) => t.target === 'raw')!;
    const gateway = query.targets.find((t) => t.target === 'gateway')!;
    expect(floor.waves).toBe(query.depth);
    expect(query.goals.callsVsFloor).toBeCloseTo(gateway.callsPerQuery / floor.callsPerQuery, 3);
    expect(query.goals.wavesVsFloor).toBeCloseTo(gateway.waves / floor.waves, 3);
  }
  const alarms = result.queries.find((q) => q.name === 'alarms')!;
  // The Apollo peer makes the floor's calls: the alarm page, the group tree, one read per distinct device.
  expect(alarms.targets.find((t) => t.target === 'apollo')!.callsByRoute).toEqual(alarms.targets.find((t) => t.target === 'raw')!.callsByRoute);
  expect(result.queries.find((q) => q.name === 'lexiangNodes')!.targets.find((t) => t.target === 'raw')!.callsByRoute).toEqual({ 'lexiang GET /cgi-bin/v1/teams': 1 });
});

test('with profiling, it splits the gateway CPU per answer by phase of a request', () => {
  const phases = result.phases ?? '';
  expect(phases).toMatch(/gateway CPU per answer, by phase \(\d+ answers, [\d.]+ ms CPU each/);
  for (const phase of ['execute (graphql-js, resolvers, loaders)', 'vendor client (got, auth, HTTP client)', 'garbage collection']) {
    expect(phases).toMatch(new RegExp(`${phase.replace(/[()]/g, '\\$&')}\\s+[\\d.]+ ms/answer`));
  }
  expect(formatTable(result)).toContain(phases);
});
