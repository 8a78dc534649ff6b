import { describe, expect, it } from '@jest/globals';
import { TesseraError } from '../../src/errors.js';
import { newTeamBody, numberedPageOf, orgRefOf, teamOf, teamPatchBody, teamSort } from '../../src/vendors/lexiang/mapping.js';
import { rawTeam, rawTeamDocument, rawTeamPage } from '../../src/vendors/lexiang/types.js';
import { fixture } from '../support/fixtures.js';

const lx = (name: string) => fixture('lexiang', name);

describe('Lexiang mapping (on the doc’s own example payloads)', () => {
  it('maps the create example’s answer; the doc’s examples carry no created_at or logo', () => {
    const team = teamOf(rawTeamDocument.parse(lx('create-team-response')).data);
    expect(team).toEqual({
      kind: 'Team',
      source: 'LEXIANG',
      nativeId: '17bc1d68daae11e9a58410e7c61c70fc',
      name: '通过开放接口创建的K吧',
      code: 'k100001',
      signature: '这是通过开放接口创建的K吧',
      type: 'CUSTOM',
      isSecret: false,
      logo: null,
      createdAt: null,
    });
  });

  it('maps the edit example’s answer', () => {
    expect(teamOf(rawTeamDocument.parse(lx('update-team-response')).data)).toMatchObject({ name: '通过开放接口修改K吧', code: 'k100001' });
  });

  it('maps the list example with its Laravel page meta', () => {
    const page = numberedPageOf(rawTeamPage.parse(lx('teams-list')));
    expect(page.total).toBe(3);
    expect(page.perPage).toBe(20);
    expect(page.items.map(teamOf).map((t) => [t.nativeId, t.code, t.name])).toEqual([
      ['uuid1', 'k100022', '动漫吧'],
      ['uuid2', 'k100020', '追剧吧'],
      ['uuid3', 'k100019', '推理吧'],
    ]);
  });

  it('reads created_at as China Standard Time (UTC+8), across midnight and the year boundary', () => {
    const withTime = (created_at: string) =>
      teamOf(rawTeam.parse({ type: 'team', id: 'x', attributes: { name: 'n', code: 'k1', signature: 's', type: 1, is_secret: false, created_at } })).createdAt;
    expect(withTime('2019-09-19 15:21:26')).toBe('2019-09-19T07:21:26.000Z');
    expect(withTime('2020-01-01 03:00:00')).toBe('2019-12-31T19:00:00.000Z');
    expect(withTime('2020-01-01T03:00:00+08:00')).toBe('2019-12-31T19:00:00.000Z');
    expect(() => withTime('2019-02-30 10:00:00')).toThrow();
    expect(() => withTime('yesterday')).toThrow();
  });

  it('maps all four types and tolerates Laravel’s string and tinyint forms', () => {
    const types = [1, '2', 3, 4].map(
      (type) => teamOf(rawTeam.parse({ type: 'team', id: 'x', attributes: { name: 'n', code: 'k1', signature: false, type, is_secret: 1, logo: 'https://x/l.png' } })),
    );
    expect(types.map((t) => t.type)).toEqual(['CUSTOM', 'KNOWLEDGE', 'PROJECT_MANAGEMENT', 'TRAINING']);
    expect(types[0]).toMatchObject({ signature: null, isSecret: true, logo: 'https://x/l.png' });
    expect(rawTeam.safeParse({ type: 'team', id: 'x', attributes: { name: 'n', code: 'k1', type: 5, is_secret: false } }).success).toBe(false);
  });

  it('reads a missing introduction as null whether Lexiang sends false, null, nothing or ""', () => {
    const signatureOf = (attributes: Record<string, unknown>) =>
      teamOf(rawTeam.parse({ type: 'team', id: 'x', attributes: { name: 'n', code: 'k1', type: 1, is_secret: false, ...attributes } })).signature;
    expect([signatureOf({ signature: false }), signatureOf({ signature: null }), signatureOf({}), signatureOf({ signature: '' })]).toEqual([null, null, null, null]);
    expect(signatureOf({ signature: ' ' })).toBe(' ');
  });
});

describe('Lexiang request bodies', () => {
  it('builds exactly the doc’s create request', () => {
    const body = newTeamBody({
      name: '通过开放接口创建的K吧',
      signature: '这是通过开放接口创建的K吧',
      type: 'CUSTOM',
      isSecret: false,
      members: [
        { kind: 'STAFF', id: 'ThreeZhang' },
        { kind: 'DEPARTMENT', id: '1' },
      ],
    });
    expect(body).toEqual(lx('create-team-request'));
  });

  it('builds the doc’s edit request (with `team` where the doc’s example says `doc`)', () => {
    const body = teamPatchBody({
      name: '通过开放接口修改K吧',
      replaceAllMembersWith: [
        { kind: 'STAFF', id: 'ThreeZhang' },
        { kind: 'STAFF', id: 'FourLee' },
        { kind: 'STAFF', id: 'TwoWang' },
        { kind: 'DEPARTMENT', id: '1' },
      ],
    });
    const doc = lx('update-team-request') as { data: Record<string, unknown> };
    expect(body).toEqual({ data: { ...doc.data, type: 'team' } });
  });

  it('leaves the members alone unless a member list is given; an empty list empties the team', () => {
    expect(teamPatchBody({ signature: 'new', replaceAllMembersWith: null })).toEqual({ data: { type: 'team', attributes: { signature: 'new' } } });
    expect(teamPatchBody({ replaceAllMembersWith: [] })).toEqual({ data: { type: 'team', attributes: {}, relationships: { orgs: { data: [] } } } });
    expect(teamPatchBody({ name: null, isSecret: undefined })).toBeNull();
    expect(teamPatchBody({ isSecret: false })).toEqual({ data: { type: 'team', attributes: { is_secret: false } } });
  });

  it('sends only the fields given on create, leaving the rest to Lexiang’s defaults', () => {
    expect(newTeamBody({ name: 'x', type: 'TRAINING' })).toEqual({ data: { type: 'team', attributes: { name: 'x', type: 4 } } });
  });

  it('names departments and contact tags by integer ID and refuses anything else before a call', () => {
    expect(orgRefOf({ kind: 'CONTACT_TAG', id: ' 3 ' })).toEqual({ type: 'contacttag', id: 3 });
    expect(orgRefOf({ kind: 'STAFF', id: 'liu.yang' })).toEqual({ type: 'staff', id: 'liu.yang' });
    expect(() => orgRefOf({ kind: 'DEPARTMENT', id: '研发中心' })).toThrow(TesseraError);
    expect(() => orgRefOf({ kind: 'STAFF', id: ' ' })).toThrow(/userid/);
  });

  it('sorts by created_at, descending by default at the vendor', () => {
    expect(teamSort('ASC')).toBe('created_at');
    expect(teamSort('DESC')).toBe('-created_at');
  });
});
