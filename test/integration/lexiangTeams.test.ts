import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startTestGateway, withApiKey, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

interface TeamNode {
  id: string;
  nativeId: string;
  source: string;
  name: string;
  code: string;
  signature: string | null;
  type: string;
  isSecret: boolean;
  logo: string | null;
  createdAt: string | null;
}
interface TeamPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  nodes: TeamNode[];
}

const TEAM_FIELDS = 'id nativeId source name code signature type isSecret logo createdAt';
const TEAMS = `query($first: Int, $after: String, $orderBy: TeamOrder) {
  teams(first: $first, after: $after, orderBy: $orderBy) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { ${TEAM_FIELDS} } }
}`;
const CREATE = `mutation($input: CreateLexiangTeamInput!) { createLexiangTeam(input: $input) { ${TEAM_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateLexiangTeamInput!) { updateLexiangTeam(id: $id, input: $input) { ${TEAM_FIELDS} } }`;
const HIDE = 'mutation($id: ID!) { hideLexiangTeam(id: $id) { deletedId } }';

const teamsOf = (response: GraphQLResponse) => response.body.data!.teams as TeamPage;
/** Lexiang writes whole seconds in UTC+8; the gateway must give the same instant in UTC. */
const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
const firstError = (response: GraphQLResponse) => response.body.errors?.[0];

describe('Lexiang teams, single-team endpoint available', () => {
  let gw: TestGateway;
  const query = (q: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => gw.gql(q, variables, { ...withApiKey, ...headers });
  const asStaff = { 'x-lexiang-staff-id': 'TwoWang' };

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    gw.lexiang.clearFaults();
    gw.lexiang.requests.reset();
  });

  describe('listing', () => {
    it('lists live teams newest first with the vendor’s total, times converted from UTC+8 to UTC', async () => {
      const live = gw.lexiangTeams.list('desc');
      const response = await query(TEAMS, { first: 10 });
      expect(response.body.errors).toBeUndefined();
      const page = teamsOf(response);
      expect(page.totalCount).toBe(live.length);
      expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(page.nodes.map((t) => t.nativeId)).toEqual(live.slice(0, 10).map((t) => t.id));
      const [first] = page.nodes;
      const record = live[0]!;
      expect(first).toMatchObject({ source: 'LEXIANG', name: record.name, code: record.code, isSecret: record.isSecret, logo: record.logo });
      expect(first!.createdAt).toBe(isoSeconds(record.createdAt));
      expect(gw.lexiang.requests.count('GET /cgi-bin/v1/teams')).toBe(1);
    });

    it('pages with after and never repeats a team; sorts oldest first on request', async () => {
      const one = teamsOf(await query(TEAMS, { first: 15 }));
      const two = teamsOf(await query(TEAMS, { first: 15, after: one.pageInfo.endCursor }));
      expect(two.pageInfo.hasPreviousPage).toBe(true);
      const seen = new Set(one.nodes.map((t) => t.nativeId));
      expect(two.nodes.filter((t) => seen.has(t.nativeId))).toEqual([]);

      const all = teamsOf(await query(TEAMS, { first: 500 }));
      expect(all.nodes).toHaveLength(all.totalCount);
      expect(all.pageInfo.hasNextPage).toBe(false);
      expect(all.nodes.slice(15, 30).map((t) => t.nativeId)).toEqual(two.nodes.map((t) => t.nativeId));

      const oldest = teamsOf(await query(TEAMS, { first: 500, orderBy: { field: 'CREATED_AT', direction: 'ASC' } }));
      expect(oldest.nodes.map((t) => t.nativeId)).toEqual([...all.nodes].reverse().map((t) => t.nativeId));
      const times = oldest.nodes.map((t) => Date.parse(t.createdAt!));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(oldest.nodes[0]).toMatchObject({ nativeId: '17bc1d68daae11e9a58410e7c61c70fc', code: 'k100001', createdAt: '2019-09-19T07:21:26.000Z' });
    });

    it('shows every team type and secrecy', async () => {
      const all = teamsOf(await query(TEAMS, { first: 500 }));
      expect(new Set(all.nodes.map((t) => t.type))).toEqual(new Set(['CUSTOM', 'KNOWLEDGE', 'PROJECT_MANAGEMENT', 'TRAINING']));
      expect(all.nodes.some((t) => t.isSecret)).toBe(true);
    });

    it('answers first: 0 with just the total, and rejects first above 500 before asking Lexiang', async () => {
      const none = teamsOf(await query(TEAMS, { first: 0 }));
      expect(none.nodes).toEqual([]);
      expect(none.totalCount).toBe(gw.lexiangTeams.list('desc').length);
      gw.lexiang.requests.reset();
      const tooMany = await query(TEAMS, { first: 501 });
      expect(firstError(tooMany)?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(firstError(tooMany)?.message).toMatch(/at most 500/);
      expect(gw.lexiang.requests.count()).toBe(0);
    });
  });

  describe('one team', () => {
    it('reads a team by ID and through node, at the cost of one call for aliases, node and nodes', async () => {
      const [listed] = teamsOf(await query(TEAMS, { first: 1 })).nodes;
      gw.lexiang.requests.reset();
      const { body } = await query(
        `query($id: ID!) { a: team(id: $id) { ${TEAM_FIELDS} } b: team(id: $id) { name } c: node(id: $id) { __typename ... on Team { code } } d: nodes(ids: [$id]) { id } }`,
        { id: listed!.id },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ a: listed, b: { name: listed!.name }, c: { __typename: 'Team', code: listed!.code }, d: [{ id: listed!.id }] });
      expect(gw.lexiang.requests.count('GET /cgi-bin/v1/teams/:team_id')).toBe(1);
      expect(gw.lexiang.requests.count('GET /cgi-bin/v1/teams')).toBe(0);
    });

    it('answers NOT_FOUND for a team Lexiang does not have', async () => {
      const id = Buffer.from('Team:LEXIANG:ffffffffffffffffffffffffffffffff').toString('base64url');
      const { body } = await query('query($id: ID!) { team(id: $id) { id } }', { id });
      expect(body.data).toEqual({ team: null });
      expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(gw.lexiang.requests.count('GET /cgi-bin/v1/teams/:team_id')).toBe(1);
      expect(gw.lexiang.requests.count('GET /cgi-bin/v1/teams')).toBe(0);
    });

    it.each(['abc`def', 'a/b', 'x y', '团队'])('refuses the malformed team ID %j before any call, and never takes it as proof the single-team route is missing', async (nativeId) => {
      const odd = Buffer.from(`Team:LEXIANG:${nativeId}`).toString('base64url');
      const { body } = await query('query($id: ID!) { team(id: $id) { id } }', { id: odd });
      expect(body.data).toEqual({ team: null });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'LEXIANG' });
      expect(gw.lexiang.requests.count()).toBe(0);

      // The next request still reads a team through the single-team route, not by scanning the list.
      const [listed] = gw.lexiangTeams.list('desc');
      const real = Buffer.from(`Team:LEXIANG:${listed!.id}`).toString('base64url');
      const again = await query('query($id: ID!) { team(id: $id) { nativeId } }', { id: real });
      expect(again.body.data).toEqual({ team: { nativeId: listed!.id } });
      expect(gw.lexiang.requests.count('GET /cgi-bin/v1/teams/:team_id')).toBe(1);
      expect(gw.lexiang.requests.count('GET /cgi-bin/v1/teams')).toBe(0);
    });

    it('refuses a write to a malformed team ID before any call', async () => {
      const odd = Buffer.from('Team:LEXIANG:abc`def').toString('base64url');
      const edit = await query(UPDATE, { id: odd, input: { name: 'x' } }, asStaff);
      const hide = await query(HIDE, { id: odd }, asStaff);
      for (const response of [edit, hide]) expect(firstError(response)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'LEXIANG' });
      expect(gw.lexiang.requests.count()).toBe(0);
    });
  });

  describe('writes', () => {
    it('gives a team created without an introduction a null signature, as the schema says, never ""', async () => {
      const created = await query(CREATE, { input: { name: 'Tessera 无介绍' } }, asStaff);
      expect(created.body.errors).toBeUndefined();
      const team = created.body.data!.createLexiangTeam as TeamNode;
      expect(gw.lexiangTeams.peek(team.nativeId)!.signature).toBe(''); // what Lexiang stores and sends
      expect(team.signature).toBeNull();
      const reread = await query('query($id: ID!) { team(id: $id) { signature } teams(first: 500) { nodes { nativeId signature } } }', { id: team.id });
      expect(reread.body.data!.team).toEqual({ signature: null });
      expect(teamsOf(reread).nodes.find((t) => t.nativeId === team.nativeId)).toEqual({ nativeId: team.nativeId, signature: null });
      await query(HIDE, { id: team.id }, asStaff);
    });

    it('creates a team with members, as the staff member in the header', async () => {
      const created = await query(
        CREATE,
        {
          input: {
            name: 'Tessera 集成测试',
            signature: '由网关创建',
            type: 'KNOWLEDGE',
            isSecret: true,
            members: [
              { kind: 'STAFF', id: 'threezhang' },
              { kind: 'DEPARTMENT', id: '2' },
              { kind: 'CONTACT_TAG', id: '1' },
            ],
          },
        },
        asStaff,
      );
      expect(created.body.errors).toBeUndefined();
      const team = created.body.data!.createLexiangTeam as TeamNode;
      expect(team).toMatchObject({ source: 'LEXIANG', name: 'Tessera 集成测试', signature: '由网关创建', type: 'KNOWLEDGE', isSecret: true, logo: null, code: expect.stringMatching(/^k\d+$/) });
      expect(Math.abs(Date.parse(team.createdAt!) - Date.now())).toBeLessThan(5_000);
      const stored = gw.lexiangTeams.peek(team.nativeId)!;
      expect(stored.creatorStaffId).toBe('TwoWang');
      expect(stored.orgs).toEqual([
        { type: 'staff', id: 'ThreeZhang' },
        { type: 'department', id: 2 },
        { type: 'contacttag', id: 1 },
      ]);
      const reread = await query('query($id: ID!) { team(id: $id) { name type } }', { id: team.id });
      expect(reread.body.data).toEqual({ team: { name: 'Tessera 集成测试', type: 'KNOWLEDGE' } });
    });

    it('replaces the whole member list only when replaceAllMembersWith is given', async () => {
      const team = (await query(CREATE, { input: { name: 'Members test', members: [{ kind: 'STAFF', id: 'LiLei' }, { kind: 'DEPARTMENT', id: '3' }] } }, asStaff)).body.data!
        .createLexiangTeam as TeamNode;

      const renamed = await query(UPDATE, { id: team.id, input: { name: 'Members test (renamed)', replaceAllMembersWith: [{ kind: 'STAFF', id: 'FourLee' }] } }, asStaff);
      expect(renamed.body.data!.updateLexiangTeam).toMatchObject({ id: team.id, name: 'Members test (renamed)' });
      expect(gw.lexiangTeams.peek(team.nativeId)!.orgs).toEqual([{ type: 'staff', id: 'FourLee' }]);

      const resigned = await query(UPDATE, { id: team.id, input: { signature: 'Only the introduction changes', isSecret: true } }, asStaff);
      expect(resigned.body.data!.updateLexiangTeam).toMatchObject({ signature: 'Only the introduction changes', isSecret: true, name: 'Members test (renamed)' });
      expect(gw.lexiangTeams.peek(team.nativeId)!.orgs).toEqual([{ type: 'staff', id: 'FourLee' }]);

      await query(UPDATE, { id: team.id, input: { replaceAllMembersWith: [] } }, asStaff);
      expect(gw.lexiangTeams.peek(team.nativeId)!.orgs).toEqual([]);
    });

    it('refuses an edit with nothing to change, before any call', async () => {
      const [listed] = teamsOf(await query(TEAMS, { first: 1 })).nodes;
      gw.lexiang.requests.reset();
      const { body } = await query(UPDATE, { id: listed!.id, input: { replaceAllMembersWith: null } }, asStaff);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(gw.lexiang.requests.count()).toBe(0);
    });

    it('moves a team to the recycle bin: gone from the list, NOT_FOUND by ID, a second hide is Lexiang’s 404', async () => {
      const team = (await query(CREATE, { input: { name: 'Short-lived' } }, asStaff)).body.data!.createLexiangTeam as TeamNode;
      const hidden = await query(HIDE, { id: team.id }, asStaff);
      expect(hidden.body.data).toEqual({ hideLexiangTeam: { deletedId: team.id } });
      expect(gw.lexiangTeams.peek(team.nativeId)!.hiddenAt).not.toBeNull();

      const all = teamsOf(await query(TEAMS, { first: 500 }));
      expect(all.nodes.map((t) => t.nativeId)).not.toContain(team.nativeId);
      const byId = await query('query($id: ID!) { team(id: $id) { id } node(id: $id) { id } }', { id: team.id });
      expect(byId.body.data).toEqual({ team: null, node: null });
      expect(byId.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);

      const again = await query(HIDE, { id: team.id }, asStaff);
      expect(firstError(again)?.extensions).toMatchObject({
        code: 'NOT_FOUND',
        source: 'LEXIANG',
        upstream: { method: 'DELETE', path: `/cgi-bin/v1/teams/${team.nativeId}/hide`, status: 404 },
      });
      expect(firstError(again)?.message).toContain(`不存在ID为\`${team.nativeId}\`的team资源`);
    });

    it('maps an edit of an unknown team to NOT_FOUND from LEXIANG', async () => {
      const id = Buffer.from('Team:LEXIANG:0000000000000000000000000000abcd').toString('base64url');
      const { body } = await query(UPDATE, { id, input: { name: 'nobody' } }, asStaff);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', source: 'LEXIANG', upstream: { method: 'PATCH', status: 404 } });
    });

    it('maps Lexiang’s 422 field errors to BAD_USER_INPUT keeping the field names', async () => {
      const blank = await query(CREATE, { input: { name: '   ' } }, asStaff);
      expect(firstError(blank)?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        source: 'LEXIANG',
        upstream: { method: 'POST', path: '/cgi-bin/v1/teams', status: 422 },
        fieldErrors: [{ field: 'name', message: expect.any(String) }],
      });
      const stranger = await query(CREATE, { input: { name: 'ok', members: [{ kind: 'STAFF', id: 'NoSuchPerson' }] } }, asStaff);
      expect(firstError(stranger)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [{ field: 'orgs', message: expect.stringContaining('NoSuchPerson') }] });
    });

    it('refuses a member list naming a department by anything but its number, before any call', async () => {
      const { body } = await query(CREATE, { input: { name: 'x', members: [{ kind: 'DEPARTMENT', id: '研发中心' }] } }, asStaff);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(gw.lexiang.requests.count()).toBe(0);
    });

    it('maps an unknown staff member in the header to BAD_USER_INPUT with Lexiang’s reason', async () => {
      const { body } = await query(CREATE, { input: { name: 'x' } }, { 'x-lexiang-staff-id': 'Nobody' });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'LEXIANG', upstream: { status: 400 } });
      expect(body.errors?.[0]?.message).toContain('员工账号');
    });
  });

  describe('isolation', () => {
    it('keeps Dreamreflex data when Lexiang fails in the same query', async () => {
      gw.lexiang.setFaults({ forceStatus: 500, pathPrefix: '/cgi-bin/v1/teams' });
      const { body } = await query('{ tickets(first: 2, filter: { sources: [DREAMREFLEX] }) { totalCount } teams(first: 2) { totalCount } }');
      expect(body.data).toEqual({ tickets: { totalCount: 25 }, teams: null });
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]).toMatchObject({ path: ['teams'], extensions: { code: 'UPSTREAM_ERROR', source: 'LEXIANG', upstream: { status: 500 } } });
    });

    it('lends Lexiang’s app credentials only to API key holders', async () => {
      const { body } = await gw.gql('{ teams(first: 1) { totalCount } }');
      expect(body.data).toEqual({ teams: null });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'LEXIANG' });
      expect(gw.lexiang.requests.count()).toBe(0);
    });
  });
});

describe('Lexiang teams without the single-team endpoint (and a smaller page than asked for)', () => {
  let gw: TestGateway;
  const query = (q: string, variables?: Record<string, unknown>) => gw.gql(q, variables, withApiKey);

  beforeAll(async () => {
    gw = await startTestGateway({ lexiang: { singleTeamEndpoint: false, perPageMax: 10 }, env: { LEXIANG_STAFF_ID: 'FourLee' } });
  });
  afterAll(() => gw.close());

  it('lists across several of the vendor’s smaller pages without losing or repeating a team', async () => {
    const live = gw.lexiangTeams.list('desc');
    const page = teamsOf(await query(TEAMS, { first: 25, after: null }));
    expect(page.totalCount).toBe(live.length);
    expect(page.nodes.map((t) => t.nativeId)).toEqual(live.slice(0, 25).map((t) => t.id));
  });

  it('finds teams by ID through one scan of the list per request, and remembers the endpoint is missing', async () => {
    const live = gw.lexiangTeams.list('desc');
    const ids = [live[0]!, live[17]!, live[36]!].map((t) => Buffer.from(`Team:LEXIANG:${t.id}`).toString('base64url'));
    gw.lexiang.requests.reset();
    const first = await query(`query($a: ID!, $b: ID!, $c: ID!) { a: team(id: $a) { code } b: team(id: $b) { code } c: node(id: $c) { ... on Team { code } } }`, {
      a: ids[0],
      b: ids[1],
      c: ids[2],
    });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data).toEqual({ a: { code: live[0]!.code }, b: { code: live[17]!.code }, c: { code: live[36]!.code } });
    expect(gw.lexiang.requests.count('GET unmatched')).toBeGreaterThan(0);
    const scanCost = gw.lexiang.requests.count('GET /cgi-bin/v1/teams');
    expect(scanCost).toBe(Math.ceil(live.length / 10)); // the 10-record pages Lexiang serves, whatever was asked for

    gw.lexiang.requests.reset();
    const second = await query('query($a: ID!, $b: ID!) { a: team(id: $a) { code } b: team(id: $b) { code } }', { a: ids[1], b: ids[2] });
    expect(second.body.data).toEqual({ a: { code: live[17]!.code }, b: { code: live[36]!.code } });
    expect(gw.lexiang.requests.count('GET unmatched')).toBe(0);
    expect(gw.lexiang.requests.count('GET /cgi-bin/v1/teams')).toBe(scanCost);
  });

  it('answers NOT_FOUND for a team in the recycle bin, and acts as LEXIANG_STAFF_ID without a header', async () => {
    const team = (await query(CREATE, { input: { name: 'Default staff' } })).body.data!.createLexiangTeam as TeamNode;
    expect(gw.lexiangTeams.peek(team.nativeId)!.creatorStaffId).toBe('FourLee');
    const found = await query('query($id: ID!) { team(id: $id) { name } }', { id: team.id });
    expect(found.body.data).toEqual({ team: { name: 'Default staff' } });

    await query(HIDE, { id: team.id });
    const gone = await query('query($id: ID!) { team(id: $id) { name } }', { id: team.id });
    expect(gone.body.data).toEqual({ team: null });
    expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
