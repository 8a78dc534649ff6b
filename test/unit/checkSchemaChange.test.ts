import { describe, expect, it } from '@jest/globals';
import { checkSchemaChange, parseAcknowledgements } from '../../scripts/checkSchemaChange.js';

const before = /* GraphQL */ `
  type Query { device(id: ID!): Device }
  type Device { id: ID! name: String! serial: String }
`;
const serialRemoved = /* GraphQL */ `
  type Query { device(id: ID!): Device }
  type Device { id: ID! name: String! }
`;
const fieldAdded = /* GraphQL */ `
  type Query { device(id: ID!): Device }
  type Device { id: ID! name: String! serial: String online: Boolean }
`;
const REMOVED = "Field 'serial' was removed from object type 'Device'";

const subgraph = (deviceDirectives: string) => /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  directive @link(url: String, import: [String]) repeatable on SCHEMA
  directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
  type Query { device(id: ID!): Device }
  type Device ${deviceDirectives} { id: ID! serial: String! }
`;

describe('checkSchemaChange', () => {
  it('refuses a breaking change nobody acknowledged', async () => {
    const report = await checkSchemaChange({ schema: 'tessera.graphql', committed: before, current: serialRemoved, acknowledgements: [] });
    expect(report.refused.map((change) => change.message)).toEqual([REMOVED]);
    expect(report.acknowledged).toEqual([]);
  });

  it('passes an acknowledged breaking change and keeps its reason', async () => {
    const acknowledgements = [{ message: REMOVED, reason: 'ThingsCloud dropped serials; nobody queried it (usage report 2024-06).' }];
    const report = await checkSchemaChange({ schema: 'tessera.graphql', committed: before, current: serialRemoved, acknowledgements });
    expect(report.refused).toEqual([]);
    expect(report.acknowledged.map(({ change, reason }) => [change.message, reason])).toEqual([[REMOVED, acknowledgements[0]!.reason]]);
  });

  it('holds an acknowledgement to the printed file it names', async () => {
    const acknowledgements = [{ message: REMOVED, reason: 'only the subgraph loses it', schema: 'tessera.subgraph.graphql' }];
    const report = await checkSchemaChange({ schema: 'tessera.graphql', committed: before, current: serialRemoved, acknowledgements });
    expect(report.refused.map((change) => change.message)).toEqual([REMOVED]);
  });

  it('lets additions through without an acknowledgement', async () => {
    const report = await checkSchemaChange({ schema: 'tessera.graphql', committed: before, current: fieldAdded, acknowledgements: [] });
    expect(report.changes.map((change) => [change.criticality.level, change.message])).toEqual([['NON_BREAKING', "Field 'online' was added to object type 'Device'"]]);
    expect(report.refused).toEqual([]);
  });

  it('has nothing to compare with before the first print', async () => {
    const report = await checkSchemaChange({ schema: 'tessera.graphql', committed: null, current: before, acknowledgements: [] });
    expect(report).toEqual({ changes: [], acknowledged: [], refused: [] });
  });

  it('treats removing or changing an entity key as breaking, and adding one as not', async () => {
    const check = (committed: string, current: string) =>
      checkSchemaChange({ schema: 'tessera.subgraph.graphql', committed, current, acknowledgements: [] }).then((report) => report.refused.map((c) => c.message));
    const removed = `Key @key(fields: "id") was removed from 'Device'`;
    expect(await check(subgraph('@key(fields: "id")'), subgraph(''))).toEqual([removed]);
    expect(await check(subgraph('@key(fields: "id")'), subgraph('@key(fields: "serial")'))).toEqual([removed]);
    expect(await check(subgraph('@key(fields: "id")'), subgraph('@key(fields: "id", resolvable: false)'))).toEqual([removed]);
    expect(await check(subgraph('@key(fields: "id")'), subgraph('@key(fields: "id") @key(fields: "serial")'))).toEqual([]);
    expect(await check(subgraph(''), subgraph('@key(fields: "id")'))).toEqual([]);
  });
});

describe('parseAcknowledgements', () => {
  it('reads the file’s entries', () => {
    const json = JSON.stringify({ about: 'x', acknowledged: [{ message: REMOVED, reason: 'because', schema: 'tessera.graphql' }] });
    expect(parseAcknowledgements(json)).toEqual([{ message: REMOVED, reason: 'because', schema: 'tessera.graphql' }]);
  });

  it('refuses an entry without a real reason', () => {
    expect(() => parseAcknowledgements(JSON.stringify({ acknowledged: [{ message: REMOVED, reason: ' ' }] }))).toThrow(/acknowledged\.0\.reason/);
    expect(() => parseAcknowledgements(JSON.stringify({ acknowledged: [{ message: REMOVED, reason: 'TODO: why this break is acceptable' }] }))).toThrow(/TODO/);
    expect(() => parseAcknowledgements(JSON.stringify({ acknowledged: [{ message: REMOVED }] }))).toThrow(/reason/);
  });
});
