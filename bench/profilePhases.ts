/**
 * Where a gateway's CPU goes, per phase of a request, from a V8 CPU profile (`node --cpu-prof`):
 * each sample is charged to the phase of the innermost frame that names one, walking from the
 * leaf towards the root, so that `JSON.parse` called by the vendor client counts as the vendor
 * client and a socket read with no caller of ours counts as HTTP I/O.
 *
 * `npm run bench` with BENCH_PROFILE=1 profiles the gateway during one load run and prints this
 * table; `node --import tsx bench/profilePhases.ts <file.cpuprofile> [answers]` reads a saved profile.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

export type Phase =
  | 'parse and validate'
  | 'execute (graphql-js, resolvers, loaders)'
  | 'vendor client (got, auth, HTTP client)'
  | 'response validation (zod)'
  | 'mapping (vendor → model)'
  | 'serialization'
  | 'HTTP server (express, Apollo request handling)'
  | 'socket and stream I/O'
  | 'metrics and traces'
  | 'async context (AsyncLocalStorage)'
  | 'garbage collection'
  | 'start-up (module loading)'
  | 'other';

/** First match wins; each rule tests a frame's script URL and function name. */
const RULES: [Phase, (url: string, name: string) => boolean][] = [
  ['garbage collection', (_url, name) => name === '(garbage collector)'],
  ['start-up (module loading)', (url) => /node:internal\/modules|\/tsx\/|node_modules\/tsx|esbuild/.test(url)],
  ['serialization', (url, name) => /prettyJSONStringify|stringify/i.test(name) && /@apollo\/server|express|runHttpQuery/.test(url)],
  ['parse and validate', (url) => /graphql\/(language|validation)\/|src\/limits\/|@escape\.tech\/graphql-armor/.test(url)],
  ['response validation (zod)', (url) => /node_modules\/zod\//.test(url)],
  ['mapping (vendor → model)', (url) => /src\/vendors\/[^/]+\/(mapping|zonedTime|localTimeMillis)\.ts/.test(url)],
  [
    'vendor client (got, auth, HTTP client)',
    (url) =>
      /node_modules\/(got|p-cancelable|@szmarczak|cacheable-lookup|cacheable-request|decompress-response|http2-wrapper|form-data-encoder|lowercase-keys|responselike|defer-to-connect|mimic-response|get-stream)\//.test(url) ||
      /src\/vendors\/(shared\/(VendorHttp|Token\w*|SharedTokenStore)|[^/]+\/client)\.ts/.test(url) ||
      /node:_http_client|node:_http_agent/.test(url),
  ],
  ['metrics and traces', (url) => /prom-client|@opentelemetry|src\/observability\//.test(url)],
  ['execute (graphql-js, resolvers, loaders)', (url) => /graphql\/(execution|type|utilities|jsutils)\/|node_modules\/dataloader|src\/(resolvers|vendors|context|mergeTicketFeeds|pagination)/.test(url)],
  ['HTTP server (express, Apollo request handling)', (url) => /@apollo\/server|express|@as-integrations|body-parser|router|node:_http_server|node:_http_incoming|node:_http_outgoing|src\/(server|http)\//.test(url)],
  ['async context (AsyncLocalStorage)', (url) => /node:internal\/async_hooks|node:async_hooks|node:internal\/async_local_storage/.test(url)],
  ['socket and stream I/O', (url) => /node:net|node:internal\/stream|node:stream|node:_http_common|node:events|node:internal\/process\/task_queues|node:buffer|node:internal\/timers|node:timers/.test(url)],
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface PhaseSplit {
  /** CPU ms per phase over the whole profile (idle excluded). */
  totalMs: Record<string, number>;
  busyMs: number;
}

export function splitByPhase(profile: CpuProfile): PhaseSplit {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const phaseOf = new Map<number, Phase | null>();
  const classify = (id: number): Phase | null => {
    const known = phaseOf.get(id);
    if (known !== undefined) return known;
    const name = byId.get(id)!.callFrame.functionName;
    let phase: Phase | null = null;
    if (name !== '(idle)' && name !== '(program)') {
      for (let cur: number | undefined = id; cur !== undefined && !phase; cur = parent.get(cur)) {
        const frame = byId.get(cur)!.callFrame;
        phase = RULES.find(([, test]) => test(frame.url, frame.functionName))?.[0] ?? null;
      }
      phase ??= 'other';
    }
    phaseOf.set(id, phase);
    return phase;
  };
  const totals: Record<string, number> = {};
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const phase = classify(id);
    if (!phase) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totals[phase] = (totals[phase] ?? 0) + ms;
    busy += ms;
  });
  return { totalMs: totals, busyMs: busy };
}

/** The split as a table: ms of CPU per answer and share of the busy time, largest first; start-up is left out of the per-answer figures. */
export function formatPhases(split: PhaseSplit, answers: number): string {
  const startup = split.totalMs['start-up (module loading)'] ?? 0;
  const busy = split.busyMs - startup;
  const rows = Object.entries(split.totalMs)
    .filter(([phase]) => phase !== 'start-up (module loading)')
    .sort((a, b) => b[1] - a[1])
    .map(([phase, ms]) => `  ${phase.padEnd(48)} ${(ms / Math.max(1, answers)).toFixed(2).padStart(7)} ms/answer  ${((100 * ms) / busy).toFixed(1).padStart(5)} %`);
  return [`gateway CPU per answer, by phase (${answers} answers, ${(busy / Math.max(1, answers)).toFixed(2)} ms CPU each, start-up excluded):`, ...rows].join('\n');
}

async function main() {
  const [file, answers] = process.argv.slice(2);
  if (!file) throw new Error('usage: profilePhases.ts <file.cpuprofile> [answers]');
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  process.stdout.write(`${formatPhases(splitByPhase(profile), Number(answers ?? 1))}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
