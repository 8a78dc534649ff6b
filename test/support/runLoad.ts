import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** A bounded load: `clients` loops POSTing `body` to `url` (on 127.0.0.1), each until `durationMs` have passed or it sent `maxRequestsPerClient`. */
export interface LoadJob {
  url: string;
  clients: number;
  durationMs: number;
  maxRequestsPerClient: number;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  seconds: number;
  /** HTTP 200 answers, and their latencies in ms. */
  ok: number;
  okMs: number[];
  /** HTTP 503 answers, and their latencies in ms. */
  shed: number;
  shedMs: number[];
  /** Whether every 503 had `Retry-After: 1` and a GraphQL error with code OVERLOADED, retryable. */
  shedWellFormed: boolean;
  /** Any other status. */
  other: number;
  /** UPSTREAM_TIMEOUT errors inside 200 answers. */
  upstreamTimeouts: number;
}

const generator = fileURLToPath(new URL('./loadGenerator.ts', import.meta.url));

/**
 * Runs `job` from another process, so that the clients' work does not share the event loop of
 * the gateway under test (which shares the test's process with its simulators).
 */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', generator, JSON.stringify(job)], { timeout: job.durationMs + 15_000 });
  return JSON.parse(stdout) as LoadResult;
}
