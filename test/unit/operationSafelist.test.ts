import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';
import { readOperationManifest } from '../../src/http/operationSafelist.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const QUERY = 'query Hello { __typename }';

let dir: string;
let n = 0;
/** A manifest file with these contents; returns its path. */
const manifestFile = (contents: unknown) => {
  const path = join(dir, `manifest-${n++}.json`);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-manifest-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readOperationManifest', () => {
  it('reads client-preset’s persisted-documents.json (`sha256:` keys) and bare APQ hashes, keyed by the bare hash', () => {
    const other = 'mutation Bye { __typename }';
    const manifest = readOperationManifest(manifestFile({ [`sha256:${sha256(QUERY)}`]: QUERY, [sha256(other)]: other }));
    expect([...manifest]).toEqual([
      [sha256(QUERY), QUERY],
      [sha256(other), other],
    ]);
  });

  it.each([
    ['a key that is not the SHA-256 of its text', { [sha256('something else')]: QUERY }, /entry 1 is not a document keyed by the SHA-256 of its text/],
    ['a key that is no hash at all', { Hello: QUERY }, /entry 1 is not a document keyed/],
    ['a value that is not text', { [sha256(QUERY)]: { query: QUERY } }, /entry 1 is not a document keyed/],
    ['an array', [QUERY], /must be a JSON object/],
    ['no operations', {}, /lists no operations/],
    ['text that is not JSON', '{ "sha256:', /is not JSON/],
  ])('refuses %s, naming the variable but never the content', (_what, contents, message) => {
    const path = manifestFile(contents);
    expect(() => readOperationManifest(path)).toThrow(ConfigError);
    expect(() => readOperationManifest(path)).toThrow(message);
    expect(() => readOperationManifest(path)).toThrow(/TESSERA_OPERATION_SAFELIST/);
    expect(() => readOperationManifest(path)).not.toThrow(/__typename/);
  });

  it('refuses a file that cannot be read, without echoing its path', () => {
    const missing = join(dir, 'missing-secret-name.json');
    expect(() => readOperationManifest(missing)).toThrow('Invalid configuration: the file TESSERA_OPERATION_SAFELIST names cannot be read');
  });

  it('is what TESSERA_OPERATION_SAFELIST turns on; off by default', () => {
    expect(loadConfig({}).operationSafelist).toBeUndefined();
    expect(loadConfig({ TESSERA_OPERATION_SAFELIST: manifestFile({ [sha256(QUERY)]: QUERY }) }).operationSafelist?.get(sha256(QUERY))).toBe(QUERY);
  });
});
