/**
 * `npm run soak`: the fault and abuse suite's long run, not part of CI. The gateway runs in live
 * mode against all five simulators (20 ms per vendor call), in this process; a separate process
 * drives it in rounds, each: 2× saturation of a five-vendor query, the query bombs of the
 * hardening issue, and pings while a bomb is being refused. Prints each round and a summary:
 * goodput, shed count, bomb rejection times, vendor calls per rejected bomb (must be 0), ping
 * latency, and RSS over the run (after a warm-up round) — memory must stay flat.
 *
 *   SOAK_MINUTES=10 npm run soak      (default 10; only 127.0.0.1 is ever contacted)
 */
import { startTestGateway, withApiKey, type TestGateway } from '../test/support/gateway.js';
import { runLoad } from '../test/support/runLoad.js';

const minutes = Number(process.env.SOAK_MINUTES ?? '10');
if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 120) throw new Error('SOAK_MINUTES must be between 0 and 120');

const QUERY = `{
  tickets(first: 10) { totalCount missingSources nodes { source title } }
  devices(first: 10) { nodes { name online } }
  teams(first: 5) { nodes { name } }
}`;

/** The hardening issue's bombs, each refused before any vendor call. */
const BOMBS: Record<string, string> = {
  '20,000 aliases': `{ ${Array.from({ length: 20_000 }, (_, i) => `a${i}: teams(first: 1) { totalCount }`).join(' ')} }`,
  '1,000 × devices(first: 500)': `{ ${Array.from({ length: 1000 }, (_, i) => `d${i}: devices(first: 500) { nodes { name } }`).join(' ')} }`,
  'depth about 100': `{ ${'tickets(first: 1) { nodes { creator { createdTickets(first: 1) { nodes { '.repeat(15)}id${' } } } } }'.repeat(15)} }`,
  '5,000 node IDs': `{ nodes(ids: [${Array.from({ length: 5000 }, (_, i) => `"x${i}"`).join(',')}]) { id } }`,
  '50 aliases of a vendor list': `{ ${Array.from({ length: 50 }, (_, i) => `h${i}: devices(first: 1) { nodes { name } }`).join(' ')} }`,
};

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!) : NaN;
};

async function vendorCalls(gw: TestGateway) {
  return [gw.dreamreflex, gw.zammad, gw.maxcloud, gw.thingscloud, gw.lexiang].reduce((sum, sim) => sum + sim.requests.count(), 0);
}

async function round(gw: TestGateway, n: number) {
  const load = await runLoad({
    url: gw.url,
    clients: 128,
    durationMs: 20_000,
    maxRequestsPerClient: 10_000,
    headers: withApiKey,
    body: JSON.stringify({ query: QUERY }),
  });
  const bombs: Record<string, { ms: number; status: number; calls: number }> = {};
  const pings: number[] = [];
  for (const [name, query] of Object.entries(BOMBS)) {
    const before = await vendorCalls(gw);
    const started = performance.now();
    const bomb = fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', ...withApiKey }, body: JSON.stringify({ query }) });
    const ping = (async () => {
      const t = performance.now();
      await gw.gql('{ __typename }');
      pings.push(performance.now() - t);
    })();
    const response = await bomb;
    await response.arrayBuffer();
    bombs[name] = { ms: Math.round(performance.now() - started), status: response.status, calls: (await vendorCalls(gw)) - before };
    await ping;
  }
  const rss = process.memoryUsage().rss;
  // The JS heap after a full collection: what the process keeps, apart from what malloc has not given back to the system.
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed;
  console.log(
    `round ${n}: goodput ${(load.ok / load.seconds).toFixed(1)} req/s, shed ${load.shed}, other ${load.other}, ok p50 ${percentile(load.okMs, 50)} ms; ` +
      `bombs ${Object.entries(bombs).map(([name, b]) => `${name} ${b.status} in ${b.ms} ms (${b.calls} vendor calls)`).join(', ')}; ` +
      `ping max ${percentile(pings, 100)} ms; RSS ${mb(rss)} MB, heap after GC ${mb(heap)} MB`,
  );
  return { load, bombs, pings, rss, heap };
}

// Warnings go to stderr; the test helper's default (every line kept in memory for assertions) would grow without end.
const gw = await startTestGateway({ env: { LOG_LEVEL: 'warn' }, keepLogs: false });
for (const sim of [gw.dreamreflex, gw.zammad, gw.maxcloud, gw.thingscloud, gw.lexiang]) sim.setFaults({ latencyMs: 20 });
try {
  console.log(`soak: ${minutes} min; gateway and simulators in pid ${process.pid}; load from a separate process`);
  const rounds = [];
  const until = Date.now() + minutes * 60_000;
  for (let n = 1; n === 1 || Date.now() < until; n++) rounds.push(await round(gw, n));
  const warm = rounds[0]!.rss;
  const last = rounds.at(-1)!.rss;
  const peak = Math.max(...rounds.map((r) => r.rss));
  const rejectedWithCalls = rounds.flatMap((r) => Object.entries(r.bombs).filter(([, b]) => b.calls > 0 || b.status === 200).map(([name]) => name));
  console.log(`\nsummary over ${rounds.length} rounds:`);
  console.log(`  RSS after the first round ${mb(warm)} MB, at the end ${mb(last)} MB (${(((last - warm) / warm) * 100).toFixed(1)} %), peak ${mb(peak)} MB`);
  const heapWarm = rounds[0]!.heap;
  const heapLast = rounds.at(-1)!.heap;
  console.log(`  JS heap after GC: after the first round ${mb(heapWarm)} MB, at the end ${mb(heapLast)} MB (${(((heapLast - heapWarm) / heapWarm) * 100).toFixed(1)} %)`);
  console.log(`  goodput ${rounds.map((r) => (r.load.ok / r.load.seconds).toFixed(1)).join(', ')} req/s; shed ${rounds.reduce((s, r) => s + r.load.shed, 0)} in all`);
  console.log(`  bombs answered or costing vendor calls: ${rejectedWithCalls.length ? rejectedWithCalls.join(', ') : 'none'}`);
  console.log(`  ping during bombs: max ${percentile(rounds.flatMap((r) => r.pings), 100)} ms`);
  process.exitCode = rejectedWithCalls.length > 0 || Math.abs(last - warm) / warm > 0.1 ? 1 : 0;
} finally {
  await gw.close();
}
