import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from '@jest/globals';

/**
 * The per-request count of vendor calls (`countVendorCalls`) and the caller's abort signal live in
 * `RequestScope.limit`: a call a source makes outside it is neither counted nor cancelled. This
 * holds every vendor's per-request code (its source and loaders) to sending client calls inside
 * `limit(() => …)`.
 */

/** Client members that send nothing per request. */
const NOT_CALLS: Record<string, string> = {
  now: 'the client’s clock',
  companiesOf: 'reads the service login’s answer, one login shared by every request (as token acquisition is)',
};

/**
 * Wrappers a source or loader file may send calls through, each with the definition (in the
 * same file) that proves it runs them under `limit`: shared reads and writes that also reset
 * what the request has read.
 */
const WRAPPERS: [use: RegExp, definition: RegExp][] = [
  [/this\.read\(/, /private read<T>\(key: string, call: \(\) => Promise<T>\): Promise<T> \{\s*return this\.shared\(key, \(\) => this\.limit\(call\)\);/],
  [/this\.write\(/, /private async write<T>\(call: \(\) => Promise<T>\): Promise<T> \{\s*try \{\s*return await this\.limit\(call\);/],
  [/\.listed\(/, /const listed = <P>\(key: string, read: \(\) => Promise<P>[^]*?await limit\(read\)/],
];

const vendorsDir = new URL('../../src/vendors/', import.meta.url);

it('sends every client call of a vendor’s per-request code through the request’s limit', () => {
  const outside: string[] = [];
  let calls = 0;
  for (const vendor of readdirSync(vendorsDir).filter((name) => name !== 'shared' && !name.endsWith('.ts'))) {
    for (const file of readdirSync(new URL(`${vendor}/`, vendorsDir)).filter((name) => /(Source|loaders)\.ts$/.test(name))) {
      const text = readFileSync(new URL(`${vendor}/${file}`, vendorsDir), 'utf8');
      for (const match of text.matchAll(/\bclient\.(\w+)\(/g)) {
        const method = match[1]!;
        if (method in NOT_CALLS) continue;
        calls += 1;
        // Inside `limit(() => …)` of the same statement, or inside a wrapper that this file defines around `limit`.
        const statement = text.slice(0, match.index).split(/;\s*\n/).at(-1)!;
        const wrapped = WRAPPERS.some(([use, definition]) => use.test(statement) && definition.test(text));
        if (!/limit\(\(\) =>/.test(statement) && !wrapped) outside.push(`${vendor}/${file}: client.${method}`);
      }
    }
  }
  expect(calls).toBeGreaterThan(50);
  expect(outside).toEqual([]);
});
