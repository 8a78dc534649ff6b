import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { getOperationAST, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import pLimit from 'p-limit';
import { ConfigError, loadConfig } from '../../src/config.js';
import { ErrorCode, LimitExceededError } from '../../src/errors.js';
import { playgroundExamples } from '../../src/http/playgroundExamples.js';
import { countVendorCalls, createVendorCallBudget } from '../../src/limits/countVendorCalls.js';
import { createDocumentLimitRules } from '../../src/limits/createDocumentLimitRules.js';
import { estimateOperation } from '../../src/limits/estimateOperation.js';
import { FIELD_COSTS } from '../../src/limits/fieldCosts.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/limits/QueryLimits.js';
import { createSubgraphSchema } from '../../src/federation/createSubgraphSchema.js';
import { createSchema } from '../../src/schema.js';
import { rateLimitedMutations } from '../../src/writes/guardMutations.js';

const schema = createSchema();

function estimate(query: string, variables: Record<string, unknown> = {}, on: GraphQLSchema = schema) {
  const document = parse(query);
  return estimateOperation(on, document, getOperationAST(document)!, variables, Date.parse('2026-03-01T00:00:00Z'))!;
}

/** The operations a user of Tessera is shown: the playground's tabs and the README's GraphQL blocks (operations only, not SDL). */
const readmeOperations = [...readFileSync(new URL('../../README.md', import.meta.url), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)]
  .map((match) => match[1]!)
  .filter((block) => /^\s*(\{|query\b|mutation\b)/.test(block));
const DASHBOARD = '{ alarms(first: 100) { nodes { device { name online type { name } groups { name } } } } }';

describe('the default limits let real work through', () => {
  it('finds the README operations', () => expect(readmeOperations.length).toBeGreaterThanOrEqual(7));

  it.each([...playgroundExamples, ...readmeOperations, DASHBOARD].map((query) => [query.replace(/#.*\n/g, '').replace(/\s+/g, ' ').trim().slice(0, 60), query]))(
    '%s passes every static limit',
    (_name, query) => {
      const document = parse(query, { maxTokens: DEFAULT_QUERY_LIMITS.maxTokens });
      expect(validate(schema, document, [...specifiedRules, ...createDocumentLimitRules(DEFAULT_QUERY_LIMITS)])).toEqual([]);
      const { vendorCalls, sensitiveFields, largestIdList } = estimate(query);
      expect(vendorCalls).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxEstimatedVendorCalls);
      expect(sensitiveFields.length).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxSensitiveMutations);
      expect(largestIdList?.count ?? 0).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxNodeIds);
    },
  );

  it('estimates the dashboard query at one alarm page, a device read per alarm and one type and group-tree read', () => {
    expect(estimate(DASHBOARD).vendorCalls).toBe(1 + 100 + 2);
  });
});

describe('estimateOperation', () => {
  it('multiplies a list field’s selection by its `first`, from a literal or a variable', () => {
    expect(estimate('{ devices(first: 500) { nodes { name } } }').vendorCalls).toBe(5);
    expect(estimate('{ devices(first: 500) { nodes { certificate { deviceName } } } }').vendorCalls).toBe(5 + 500);
    expect(estimate('query($n: Int) { devices(first: $n) { nodes { certificate { deviceName } } } }', { n: 50 }).vendorCalls).toBe(1 + 50);
    // The schema's default (20) when the variable is not sent.
    expect(estimate('query($n: Int) { devices(first: $n) { nodes { certificate { deviceName } } } }').vendorCalls).toBe(1 + 20);
  });

  it('counts aliases of a vendor field once each, and merges repeated response keys as execution does', () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: devices(first: 500) { nodes { name } }`).join(' ');
    expect(estimate(`{ ${aliases} }`).vendorCalls).toBe(40 * 5);
    expect(estimate('{ devices(first: 100) { totalCount } devices(first: 100) { nodes { name } } }').vendorCalls).toBe(1);
  });

  it('counts a per-request read once however many items ask for it', () => {
    expect(estimate('{ devices(first: 500) { nodes { type { name } groups { name } } } deviceTypes { name } }').vendorCalls).toBe(5 + 2);
  });

  it('costs `nodes(ids)` one read per ID and reports the size of the list', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `id-${i}`);
    const result = estimate('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(result.vendorCalls).toBe(5000);
    expect(result.largestIdList).toEqual({ field: 'Query.nodes', count: 5000 });
  });

  it('costs `_entities` like `nodes` in subgraph mode', () => {
    const representations = Array.from({ length: 150 }, (_, i) => ({ __typename: 'Device', id: `d${i}` }));
    const result = estimate('query($r: [_Any!]!) { _entities(representations: $r) { ... on Device { name } } }', { r: representations }, createSubgraphSchema());
    expect(result.largestIdList).toEqual({ field: 'Query._entities', count: 150 });
  });

  it('costs `history` by its planned windows and pages', () => {
    // A day (the default range), 100 points: one call.
    expect(estimate('{ device(id: "x") { history(identifier: "t") { at } } }').vendorCalls).toBe(1 + 1);
    // Two years, 500 points: 5 pages plus one call per further 30-day window (25 windows).
    expect(estimate('{ device(id: "x") { history(identifier: "t", from: "2024-03-01T00:00:00Z", to: "2026-03-01T00:00:00Z", first: 500) { at } } }').vendorCalls).toBe(1 + 5 + 24);
  });

  it('takes the costliest possible type of an interface item', () => {
    // A Zammad ticket's creator is a user read; Dreamreflex and MaxCloud tickets carry theirs.
    expect(estimate('{ tickets(first: 10) { nodes { title creator { email } } } }').vendorCalls).toBe(3 + 10);
    expect(estimate('{ tickets(first: 10) { nodes { ... on MaxCloudTicket { creator { email } } } } }').vendorCalls).toBe(3);
  });

  it('lists the credential-checking and e-mail-sending fields of a mutation', () => {
    const result = estimate('mutation { a: verifyThingsCloudCustomerLogin(account: "a", password: "p") { valid } b: sendDreamreflexVerificationCode(email: "x@y.z") { email } }');
    expect(result.sensitiveFields).toEqual(['a: verifyThingsCloudCustomerLogin', 'b: sendDreamreflexVerificationCode']);
  });

  it('counts as sensitive exactly the mutations that are rate-limited as credential checks or e-mails', () => {
    const sensitive = Object.entries(FIELD_COSTS)
      .filter(([coordinate, rule]) => coordinate.startsWith('Mutation.') && rule({}, 0).sensitive)
      .map(([coordinate]) => coordinate.slice('Mutation.'.length));
    expect(sensitive.sort()).toEqual(Object.keys(rateLimitedMutations).sort());
  });

  it('has an entry only for fields that exist', () => {
    for (const coordinate of Object.keys(FIELD_COSTS)) {
      const [type, field] = coordinate.split('.') as [string, string];
      const on = field.startsWith('_') ? createSubgraphSchema() : schema;
      const named = on.getType(type);
      expect({ coordinate, exists: Boolean(named && 'getFields' in named && named.getFields()[field]) }).toEqual({ coordinate, exists: true });
    }
  });
});

describe('the document limits (graphql-armor)', () => {
  const rules = createDocumentLimitRules({ maxDepth: 4, maxAliases: 2, maxDirectives: 2 });
  const check = (query: string) => validate(schema, parse(query), [...specifiedRules, ...rules]);

  it('refuses each limit with QUERY_TOO_COMPLEX, the limit, its value and what was found', () => {
    const [depth] = check('{ deviceGroups { children { children { children { name } } } } }');
    expect(depth?.originalError ?? depth).toBeInstanceOf(LimitExceededError);
    expect(depth?.extensions).toMatchObject({ code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'depth', max: 4, found: 5 });
    expect(check('{ a: __typename b: me { __typename } c: me { __typename } d: me { __typename } }')[0]?.extensions).toMatchObject({ limit: 'aliases', max: 2, found: 3 });
    expect(check('{ __typename @skip(if: false) @include(if: true) me @skip(if: false) { __typename } }')[0]?.extensions).toMatchObject({ limit: 'directives', max: 2, found: 3 });
  });

  it('lets a query at the limits through, and does not count fragments or introspection as depth', () => {
    expect(check('{ deviceGroups { children { children { name } } } }')).toEqual([]);
    expect(check('{ deviceGroups { ...G } } fragment G on DeviceGroup { children { ... on DeviceGroup { children { name } } } }')).toEqual([]);
    expect(check('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual([]);
  });
});

describe('countVendorCalls', () => {
  it('runs calls until the request’s budget is spent, then refuses the rest without running them', async () => {
    const budget = createVendorCallBudget(3);
    const limit = countVendorCalls(pLimit(2), budget);
    let ran = 0;
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => limit(async () => ++ran)));
    expect(ran).toBe(3);
    expect(budget).toMatchObject({ used: 3, refused: 2 });
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as LimitExceededError);
    expect(refused).toHaveLength(2);
    expect(refused[0]?.extensions).toMatchObject({ code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'vendorCalls', max: 3 });
  });
});

describe('configuration', () => {
  const live = { LEXIANG_BASE_URL: 'https://lxapi.lexiangla.com', LEXIANG_APP_KEY: 'k', LEXIANG_APP_SECRET: 's', TESSERA_API_KEYS: 'k-0123456789abcdef' };

  it('has the documented defaults', () => {
    expect(loadConfig(live).limits).toEqual({
      maxBodyBytes: 102_400,
      maxTokens: 2000,
      maxDepth: 10,
      maxAliases: 15,
      maxDirectives: 50,
      maxEstimatedVendorCalls: 1000,
      maxVendorCalls: 300,
      maxNodeIds: 100,
      maxSensitiveMutations: 1,
    });
  });

  it('reads every limit from its variable', () => {
    const limits = loadConfig({
      ...live,
      TESSERA_MAX_BODY_KB: '64',
      TESSERA_MAX_TOKENS: '500',
      TESSERA_MAX_DEPTH: '7',
      TESSERA_MAX_ALIASES: '3',
      TESSERA_MAX_DIRECTIVES: '4',
      TESSERA_MAX_ESTIMATED_VENDOR_CALLS: '150',
      TESSERA_MAX_VENDOR_CALLS: '50',
      TESSERA_MAX_NODE_IDS: '20',
      TESSERA_MAX_SENSITIVE_MUTATIONS: '2',
    }).limits;
    expect(limits).toEqual({ maxBodyBytes: 65_536, maxTokens: 500, maxDepth: 7, maxAliases: 3, maxDirectives: 4, maxEstimatedVendorCalls: 150, maxVendorCalls: 50, maxNodeIds: 20, maxSensitiveMutations: 2 });
    expect(() => loadConfig({ ...live, TESSERA_MAX_DEPTH: 'deep' })).toThrow(/TESSERA_MAX_DEPTH/);
    expect(() => loadConfig({ ...live, TESSERA_MAX_VENDOR_CALLS: '0' })).toThrow(ConfigError);
  });

  it('turns introspection off in live mode and on in demo mode unless TESSERA_INTROSPECTION says otherwise', () => {
    expect(loadConfig(live).introspection).toBe(false);
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ ...live, TESSERA_INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(loadConfig({ TESSERA_INTROSPECTION: 'false' }).introspection).toBe(false);
  });
});
