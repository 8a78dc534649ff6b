import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('TESSERA_FEDERATION', () => {
  it('is off unless asked for: the plain graph is the default', () => {
    expect(loadConfig({}).federation).toBe('off');
    expect(loadConfig({ TESSERA_FEDERATION: '' }).federation).toBe('off');
  });

  it('serves a Federation 2 subgraph when set to subgraph', () => {
    expect(loadConfig({ TESSERA_FEDERATION: 'subgraph' }).federation).toBe('subgraph');
  });

  it('names the variable when the value is not one it knows', () => {
    expect(() => loadConfig({ TESSERA_FEDERATION: 'supergraph' })).toThrow(ConfigError);
    expect(() => loadConfig({ TESSERA_FEDERATION: 'supergraph' })).toThrow(/TESSERA_FEDERATION/);
  });

  it('refuses an operation safelist in a subgraph: the router plans operations no manifest lists', () => {
    const query = '{ __typename }';
    const manifest = join(mkdtempSync(join(tmpdir(), 'tessera-')), 'persisted-documents.json');
    writeFileSync(manifest, JSON.stringify({ [`sha256:${createHash('sha256').update(query).digest('hex')}`]: query }));
    expect(loadConfig({ TESSERA_OPERATION_SAFELIST: manifest }).operationSafelist?.size).toBe(1);
    expect(() => loadConfig({ TESSERA_OPERATION_SAFELIST: manifest, TESSERA_FEDERATION: 'subgraph' })).toThrow(/TESSERA_OPERATION_SAFELIST.*TESSERA_FEDERATION=subgraph/);
  });
});
