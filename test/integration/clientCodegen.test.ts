import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@apollo/client';
import { generate } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform, preset as clientPreset } from '@graphql-codegen/client-preset';
import { createTestClient } from '../support/apolloClient.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

/**
 * A frontend's build against Tessera's schema, as the README sets it up: graphql-codegen's
 * client-preset makes typed documents from the operations in test/fixtures/client/ and a
 * persisted-documents manifest; a gateway in safelist mode serves exactly those operations.
 */

let out: string;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'tessera-client-'));
  await generate(
    {
      schema: 'schema/*.graphql',
      documents: 'test/fixtures/client/*.graphql',
      silent: true,
      generates: {
        [`${out}/`]: {
          // The preset object rather than its name `client`: Jest's module loader cannot load it by name.
          preset: clientPreset,
          presetConfig: { persistedDocuments: true, fragmentMasking: false },
          config: { scalars: { DateTime: 'string', JSON: 'unknown' }, enumsAsTypes: true },
          // The manifest's text is what the server runs: it must ask for __typename, which Apollo Client's cache needs.
          documentTransforms: [addTypenameSelectionDocumentTransform],
        },
      },
    },
    true,
  );
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('client codegen', () => {
  it('generates a typed document for the cross-vendor query and a persisted-documents manifest', () => {
    const generated = readFileSync(join(out, 'graphql.ts'), 'utf8');
    expect(generated).toContain('export const CrossVendorOverviewDocument = {"__meta__":{"hash":"sha256:');
    expect(generated).toContain('as unknown as DocumentNode<CrossVendorOverviewQuery, CrossVendorOverviewQueryVariables>');
    // The result type knows each vendor's ticket type, and Tessera's scalars as configured.
    const resultType = /export type CrossVendorOverviewQuery = [\s\S]*?};\n/.exec(generated)![0];
    for (const type of ['DreamreflexTicket', 'MaxCloudTicket', 'ZammadTicket', 'Device']) expect(resultType).toContain(`__typename: '${type}'`);
    expect(resultType).toContain('createdAt: string');

    const manifest = JSON.parse(readFileSync(join(out, 'persisted-documents.json'), 'utf8')) as Record<string, string>;
    const texts = Object.values(manifest);
    expect(texts).toEqual(expect.arrayContaining([expect.stringMatching(/^query CrossVendorOverview/), expect.stringMatching(/^mutation RenameZammadTicket/)]));
    for (const [key, text] of Object.entries(manifest)) {
      expect(key).toBe(`sha256:${createHash('sha256').update(text).digest('hex')}`);
    }
  });

  describe('served in safelist mode', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await startTestGateway({ env: { TESSERA_OPERATION_SAFELIST: join(out, 'persisted-documents.json') } });
    });
    afterAll(() => gw.close());

    it('runs a generated document by its hash with Apollo Client, and nothing else', async () => {
      const { CrossVendorOverviewDocument } = (await import(join(out, 'graphql.ts'))) as { CrossVendorOverviewDocument: TypedDocumentNode };
      const { client, requests } = createTestClient(gw.url, { headers: withApiKey, persistedQueries: 'manifest' });
      const { data } = await client.query<{ tickets: { nodes: { __typename: string }[] }; devices: { nodes: unknown[] } }>({
        query: CrossVendorOverviewDocument,
        variables: { first: 5 },
      });
      expect(requests).toEqual([{ method: 'GET', hash: expect.stringMatching(/^sha256:/), status: 200 }]);
      expect(data!.tickets.nodes).toHaveLength(5);
      expect(data!.devices.nodes).toHaveLength(3);

      const unregistered = await gw.gql('{ tickets(first: 1) { nodes { id } } }', {}, withApiKey);
      expect(unregistered.status).toBe(403);
      expect(unregistered.body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_IN_SAFELIST');
    });
  });
});
