import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { graphql, printSchema } from 'graphql';
import { createSubgraphSchema } from '../src/federation/createSubgraphSchema.js';
import { createSchema } from '../src/schema.js';
import { checkSchemaChange, parseAcknowledgements, type SchemaChangeReport } from './checkSchemaChange.js';

/**
 * The printed SDLs a schema registry or graphql-inspector reads, committed in `schema/printed/`
 * (outside the `schema/*.graphql` glob that codegen and the server load).
 */
export const PRINTED_DIR = 'schema/printed';
export const ACKNOWLEDGEMENTS_PATH = `${PRINTED_DIR}/acknowledged-breaking-changes.json`;
/** The package root, with a trailing slash. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface PrintedSchema {
  /** File name in `schema/printed/`, and the `schema` an acknowledgement may name. */
  file: string;
  sdl: string;
}

/**
 * Both SDLs as a client and a router see them: the plain graph as introspection shows it, and
 * the subgraph's `_service { sdl }` exactly as a router or `rover subgraph introspect` reads it.
 */
export async function printSchemas(): Promise<PrintedSchema[]> {
  const service = await graphql({ schema: createSubgraphSchema(), source: '{ _service { sdl } }' });
  const subgraphSdl = (service.data as { _service: { sdl: string } } | undefined)?._service.sdl;
  if (!subgraphSdl) throw new Error(`_service { sdl } failed: ${service.errors?.map((e) => e.message).join('; ')}`);
  return [
    { file: 'tessera.graphql', sdl: `${printSchema(createSchema())}\n` },
    { file: 'tessera.subgraph.graphql', sdl: `${subgraphSdl}\n` },
  ];
}

export interface PrintedSchemaCheck extends SchemaChangeReport {
  file: string;
  path: string;
  current: string;
  /** The committed file differs from what `schema:print` writes now (or is missing). */
  stale: boolean;
}

/**
 * Rebuilds both SDLs and diffs each against its baseline: the file in the working tree, or the
 * file at git ref `against` (a pull request's base) when given. Staleness is always against the
 * working tree.
 */
export async function checkPrintedSchemas(options: { against?: string } = {}): Promise<PrintedSchemaCheck[]> {
  const acknowledgements = existsSync(`${ROOT}${ACKNOWLEDGEMENTS_PATH}`) ? parseAcknowledgements(readFileSync(`${ROOT}${ACKNOWLEDGEMENTS_PATH}`, 'utf8')) : [];
  return Promise.all(
    (await printSchemas()).map(async ({ file, sdl }) => {
      const path = `${PRINTED_DIR}/${file}`;
      const inTree = existsSync(`${ROOT}${path}`) ? readFileSync(`${ROOT}${path}`, 'utf8') : null;
      const committed = options.against === undefined ? inTree : atRef(options.against, path);
      const report = await checkSchemaChange({ schema: file, committed, current: sdl, acknowledgements });
      return { ...report, file, path, current: sdl, stale: inTree !== sdl };
    }),
  );
}

/** One file's check as lines for the terminal. */
export function describeCheck(check: PrintedSchemaCheck): string[] {
  const lines = [`${check.path}: ${check.changes.length} change(s) against the baseline${check.stale ? ', committed file is stale' : ''}`];
  for (const change of check.changes) {
    const acknowledged = check.acknowledged.find((a) => a.change === change);
    const note = acknowledged ? ` (acknowledged: ${acknowledged.reason})` : check.refused.includes(change) ? ' (NOT ACKNOWLEDGED)' : '';
    lines.push(`  ${change.criticality.level} ${change.message}${note}`);
  }
  return lines;
}

/** The entries to add to the acknowledgements file for the refused changes, to fill in a reason. */
export function acknowledgementTemplate(checks: readonly PrintedSchemaCheck[]): string {
  const entries = checks.flatMap((check) => check.refused.map((change) => ({ message: change.message, schema: check.file, reason: 'TODO: why this break is acceptable' })));
  return JSON.stringify(entries, null, 2);
}

/** A file's text at a git ref; null when it did not exist there. An unknown ref throws (it must not pass as "no baseline"). */
function atRef(ref: string, path: string): string | null {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    throw new Error(`--against ${ref}: no such commit.`);
  }
  try {
    return git('show', `${ref}:${path}`);
  } catch {
    return null;
  }
}
