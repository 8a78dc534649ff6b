/**
 * The load generator behind `runLoad`, run as its own process (`node --import tsx`): reads a
 * `LoadJob` as JSON from argv[2], prints a `LoadResult` as one JSON line. Loopback only, bounded
 * in time and in requests per client.
 */
import type { LoadJob, LoadResult } from './runLoad.js';

interface GraphQLBody {
  errors?: { extensions?: { code?: string; retryable?: boolean } }[];
}

const job = JSON.parse(process.argv[2] ?? '{}') as LoadJob;
if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(job.url)) throw new Error('loadGenerator only loads 127.0.0.1');
const until = Date.now() + job.durationMs;
const result: LoadResult = { seconds: 0, ok: 0, okMs: [], shed: 0, shedMs: [], shedWellFormed: true, other: 0, upstreamTimeouts: 0 };

/** One client: the next request as soon as the last is answered (no think time, no back-off: the worst case). */
async function client() {
  for (let i = 0; i < job.maxRequestsPerClient && Date.now() < until; i++) {
    const started = performance.now();
    const response = await fetch(job.url, { method: 'POST', headers: { 'content-type': 'application/json', ...job.headers }, body: job.body });
    const body = (await response.json()) as GraphQLBody;
    const ms = performance.now() - started;
    if (response.status === 200) {
      result.ok++;
      result.okMs.push(ms);
      result.upstreamTimeouts += body.errors?.filter((e) => e.extensions?.code === 'UPSTREAM_TIMEOUT').length ?? 0;
    } else if (response.status === 503) {
      result.shed++;
      result.shedMs.push(ms);
      const extensions = body.errors?.[0]?.extensions;
      result.shedWellFormed &&= response.headers.get('retry-after') === '1' && extensions?.code === 'OVERLOADED' && extensions.retryable === true;
    } else {
      result.other++;
    }
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: job.clients }, client));
result.seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify(result)}\n`);
