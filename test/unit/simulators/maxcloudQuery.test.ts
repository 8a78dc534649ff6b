import { matchesTicketQuery } from '../../../src/simulators/maxcloud/matchTicketQuery.js';
import type { MaxCloudTicket } from '../../../src/simulators/maxcloud/MaxCloudRecords.js';
import { parseTicketQuery, TicketQuerySyntaxError, type TicketQuery } from '../../../src/simulators/maxcloud/parseTicketQuery.js';

const field = (name: string, value: string) => ({ kind: 'field', field: name, value });
const text = (value: string) => ({ kind: 'text', text: value });

function syntaxError(query: string): TicketQuerySyntaxError {
  try {
    parseTicketQuery(query);
  } catch (err) {
    if (err instanceof TicketQuerySyntaxError) return err;
    throw err;
  }
  throw new Error(`expected a syntax error for ${query}`);
}

function ticket(overrides: Partial<MaxCloudTicket>): MaxCloudTicket {
  return {
    id: 101, company_id: 1, team_id: 1, team_name: '', created_by: 'ops.admin@spotmax.example', assigned_to: '', updated_by: 'ops.admin@spotmax.example',
    state: 'open', priority: 2, root_cause: '', subject: 'pod event warn 需要解决', content_type: '', content: '', comment_count: 5,
    notification_list: [], created_at: '2023-05-11 16:34:54', updated_at: '2023-05-11 16:37:43', resources: null, tips: '',
    group_tag: 'mtg', labels: ['日志bug'], ...overrides,
  };
}

const matches = (query: string, t: MaxCloudTicket) => matchesTicketQuery(parseTicketQuery(query), t);

describe('parseTicketQuery', () => {
  it('reads an empty or blank query as "every ticket"', () => {
    expect(parseTicketQuery('')).toEqual({ kind: 'all' });
    expect(parseTicketQuery('  \t ')).toEqual({ kind: 'all' });
  });

  it('parses the doc examples', () => {
    expect(parseTicketQuery('group_tag:mtg AND state:open')).toEqual({ kind: 'and', children: [field('group_tag', 'mtg'), field('state', 'open')] });
    expect(parseTicketQuery('group_tag:mtg AND labels:日志bug AND state:open')).toEqual({
      kind: 'and', children: [field('group_tag', 'mtg'), field('labels', '日志bug'), field('state', 'open')],
    });
  });

  it('binds AND tighter than OR', () => {
    expect(parseTicketQuery('state:new OR state:open AND priority:4')).toEqual({
      kind: 'or', children: [field('state', 'new'), { kind: 'and', children: [field('state', 'open'), field('priority', '4')] }],
    });
    expect(parseTicketQuery('state:new AND priority:4 OR state:open')).toEqual({
      kind: 'or', children: [{ kind: 'and', children: [field('state', 'new'), field('priority', '4')] }, field('state', 'open')],
    });
  });

  it('groups with parentheses, nested', () => {
    expect(parseTicketQuery('(state:new OR state:open) AND priority:4')).toEqual({
      kind: 'and', children: [{ kind: 'or', children: [field('state', 'new'), field('state', 'open')] }, field('priority', '4')],
    });
    expect(parseTicketQuery('((spot))')).toEqual(text('spot'));
  });

  it('reads adjacent clauses as AND', () => {
    expect(parseTicketQuery('pod warn state:open')).toEqual({ kind: 'and', children: [text('pod'), text('warn'), field('state', 'open')] });
    expect(parseTicketQuery('spot (state:new)')).toEqual({ kind: 'and', children: [text('spot'), field('state', 'new')] });
  });

  it('unescapes \\" and \\\\ inside quotes and keeps everything else literal', () => {
    expect(parseTicketQuery('labels:"say \\"hi\\" \\\\ bye"')).toEqual(field('labels', 'say "hi" \\ bye'));
    expect(parseTicketQuery('labels:"x OR company_id:2"')).toEqual(field('labels', 'x OR company_id:2'));
    expect(parseTicketQuery('"pod event (warn)"')).toEqual(text('pod event (warn)'));
    expect(parseTicketQuery('"AND"')).toEqual(text('AND'));
    expect(parseTicketQuery('team_name:""')).toEqual(field('team_name', ''));
  });

  it('treats lower-case and/or as words and a backslash outside quotes as a character', () => {
    expect(parseTicketQuery('pod and warn')).toEqual({ kind: 'and', children: [text('pod'), text('and'), text('warn')] });
    expect(parseTicketQuery('C\\temp')).toEqual(text('C\\temp'));
  });

  it('reads e-mails, Chinese and punctuation as one word', () => {
    expect(parseTicketQuery('created_by:li.na@example.cn')).toEqual(field('created_by', 'li.na@example.cn'));
    expect(parseTicketQuery('慢查询')).toEqual(text('慢查询'));
  });

  it.each([
    ['state:open AND', 'unexpected end of query at position 14'],
    ['OR state:open', 'unexpected OR at position 0'],
    ['state:open AND OR state:new', 'unexpected OR at position 15'],
    ['(state:open', "unclosed '(' at position 0"],
    ['state:open)', "unexpected ')' at position 10"],
    ['()', "unexpected ')' at position 1"],
    ['foo:bar', "unknown field 'foo' at position 0"],
    ['State:open', "unknown field 'State' at position 0"],
    ['state:', "field 'state' needs a value at position 6"],
    ['state: open', "field 'state' needs a value at position 6"],
    ['state:(open OR new)', "field 'state' needs a value at position 6"],
    ['priority:high', "field 'priority' needs an integer, got 'high' at position 0"],
    ['id:-1', "field 'id' needs an integer, got '-1' at position 0"],
    ['labels:"日志bug', `unterminated '"' at position 7`],
    ['"a\\nb"', "unsupported escape '\\n' at position 2"],
    ['""', 'empty phrase at position 0'],
    [':open', "unexpected ':' at position 0"],
    ['NOT state:open', 'NOT is not supported at position 0'],
    ['日志 AND', 'unexpected end of query at position 6'],
  ])('refuses %j: %s', (query, message) => {
    const err = syntaxError(query);
    expect(err.message).toBe(message);
  });
});

describe('matchesTicketQuery', () => {
  const logBug = ticket({});
  const spot = ticket({
    id: 7, state: 'closed', priority: 4, group_tag: 'ops', labels: ['spot中断', '告警'], subject: 'EC2 Spot 中断: i-0abc', content: 'Capacity pool reclaimed',
    created_by: 'li.na@example.cn', assigned_to: 'John.Smith@example.com', team_id: 2, team_name: 'SRE', company_id: 1,
  });
  const literal = ticket({ id: 8, labels: ['x OR company_id:2'] });
  const plainX = ticket({ id: 9, labels: ['x'] });
  const quoted = ticket({ id: 10, labels: ['say "hi" \\ bye'] });

  it('compares field values exactly, ignoring ASCII case', () => {
    expect(matches('state:open', logBug)).toBe(true);
    expect(matches('state:OPEN', logBug)).toBe(true);
    expect(matches('state:ope', logBug)).toBe(false);
    expect(matches('group_tag:MTG', logBug)).toBe(true);
    expect(matches('assigned_to:john.smith@EXAMPLE.com', spot)).toBe(true);
    expect(matches('team_name:sre', spot)).toBe(true);
    expect(matches('team_name:""', logBug)).toBe(true);
    expect(matches('assigned_to:""', spot)).toBe(false);
  });

  it('matches labels when any element equals the value', () => {
    expect(matches('labels:告警', spot)).toBe(true);
    expect(matches('labels:spot中断', spot)).toBe(true);
    expect(matches('labels:spot', spot)).toBe(false);
    expect(matches('labels:日志BUG', logBug)).toBe(true);
  });

  it('compares integer fields numerically', () => {
    expect(matches('priority:4', spot)).toBe(true);
    expect(matches('priority:04', spot)).toBe(true);
    expect(matches('priority:2', spot)).toBe(false);
    expect(matches('id:7', spot)).toBe(true);
    expect(matches('team_id:2', spot)).toBe(true);
    expect(matches('company_id:2', spot)).toBe(false);
  });

  it('combines with AND, OR and parentheses', () => {
    expect(matches('state:closed OR state:open AND priority:4', logBug)).toBe(false);
    expect(matches('(state:closed OR state:open) AND priority:2', logBug)).toBe(true);
    expect(matches('state:closed OR state:open AND priority:4', spot)).toBe(true);
    expect(matches('group_tag:mtg AND labels:日志bug AND state:open', logBug)).toBe(true);
    expect(matches('group_tag:mtg AND labels:日志bug AND state:open', spot)).toBe(false);
  });

  it('searches free text in subject and content, as a case-insensitive substring', () => {
    expect(matches('spot', spot)).toBe(true);
    expect(matches('SPOT 中断', spot)).toBe(true);
    expect(matches('"spot 中断"', spot)).toBe(true);
    expect(matches('reclaimed', spot)).toBe(true);
    expect(matches('"pool capacity"', spot)).toBe(false);
    expect(matches('event', spot)).toBe(false);
    expect(matches('需要解决', logBug)).toBe(true);
  });

  it('keeps values literal: an operator or field inside quotes is not syntax', () => {
    const query: TicketQuery = parseTicketQuery('labels:"x OR company_id:2"');
    expect([logBug, spot, literal, plainX, quoted].filter((t) => matchesTicketQuery(query, t)).map((t) => t.id)).toEqual([8]);
    expect([logBug, spot, literal, plainX, quoted].filter((t) => matches('labels:"say \\"hi\\" \\\\ bye"', t)).map((t) => t.id)).toEqual([10]);
  });

  it('matches everything with an empty query', () => {
    expect([logBug, spot].every((t) => matches('', t))).toBe(true);
  });
});
