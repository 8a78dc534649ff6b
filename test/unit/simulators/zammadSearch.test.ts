import { analyze, matchesSearch, parseDateBound, type SearchDocument, type SearchSchema } from '../../../src/simulators/zammad/matchSearchQuery.js';
import { parseSearchQuery, SearchQuerySyntaxError, type SearchNode } from '../../../src/simulators/zammad/parseSearchQuery.js';

const schema: SearchSchema = {
  fields: { title: 'text', tags: 'keyword', number: 'keyword', 'state.name': 'text', 'customer.email': 'text', created_at: 'date', article_count: 'number' },
  defaultFields: ['title', 'tags', 'number', 'customer.email'],
};

const doc = (fields: Record<string, Array<string | number | boolean | null>>): SearchDocument => fields;
const NOW = Date.parse('2026-11-30T12:00:00Z');

function matches(query: string, document: SearchDocument): boolean {
  return matchesSearch(parseSearchQuery(query), document, schema, NOW);
}

const printer = doc({
  title: ['Printer broken on 3rd floor'], tags: ['printer', 'urgent-customer'], number: ['31005'], 'state.name': ['open'],
  'customer.email': ['john.smith@example.com'], created_at: [Date.parse('2018-11-16T10:00:00Z')], article_count: [3],
});
const offline = doc({
  title: ['设备离线告警'], tags: ['设备离线'], number: ['31118'], 'state.name': ['pending reminder'],
  'customer.email': ['li.na@example.cn'], created_at: [Date.parse('2018-11-18T23:30:00Z')], article_count: [1],
});
const trap = doc({
  title: ['Literal tag'], tags: ['x OR customer.email:*'], number: ['31200'], 'state.name': ['new'],
  'customer.email': ['demo@tessera.local'], created_at: [Date.parse('2018-11-19T00:00:00Z')], article_count: [2],
});
const plainX = doc({ ...trap, tags: ['x'], number: ['31201'] });

describe('parseSearchQuery', () => {
  it('parses a field term', () => {
    expect(parseSearchQuery('state.name:open')).toEqual({ kind: 'term', field: 'state.name', term: { text: 'open', phrase: false, glob: null, matchAll: false } });
  });

  it('binds AND tighter than OR and treats adjacent clauses as AND', () => {
    const node = parseSearchQuery('a OR b c') as Extract<SearchNode, { kind: 'or' }>;
    expect(node.kind).toBe('or');
    expect(node.children[1]).toMatchObject({ kind: 'and', children: [{ term: { text: 'b' } }, { term: { text: 'c' } }] });
  });

  it('reads NOT, !, - and + as prefixes and && / || as operators', () => {
    expect(parseSearchQuery('NOT a')).toMatchObject({ kind: 'not', child: { kind: 'term' } });
    expect(parseSearchQuery('!a')).toMatchObject({ kind: 'not' });
    expect(parseSearchQuery('-a')).toMatchObject({ kind: 'not' });
    expect(parseSearchQuery('+a')).toMatchObject({ kind: 'term' });
    expect(parseSearchQuery('a && b || c')).toMatchObject({ kind: 'or', children: [{ kind: 'and' }, { kind: 'term' }] });
  });

  it('applies a field to a parenthesised group', () => {
    expect(parseSearchQuery('state.name:(open OR new)')).toMatchObject({
      kind: 'or', children: [{ field: 'state.name', term: { text: 'open' } }, { field: 'state.name', term: { text: 'new' } }],
    });
  });

  it('keeps escaped special characters literal: spaces, colons, operators', () => {
    const node = parseSearchQuery('tags:x\\ OR\\ customer.email\\:\\*');
    expect(node).toEqual({ kind: 'term', field: 'tags', term: { text: 'x OR customer.email:*', phrase: false, glob: null, matchAll: false } });
    // Left unescaped, the trailing * stays a wildcard, anchored to the escaped literal before it.
    const wild = parseSearchQuery('tags:x\\ OR\\ customer.email\\:*') as Extract<SearchNode, { kind: 'term' }>;
    expect(wild.term.glob?.test('x OR customer.email:*')).toBe(true);
    expect(wild.term.glob?.test('x')).toBe(false);
  });

  it('reads quoted phrases with escaped quotes', () => {
    expect(parseSearchQuery('title:"say \\"hi\\" now"')).toMatchObject({ term: { text: 'say "hi" now', phrase: true, glob: null } });
  });

  it('parses inclusive, exclusive and open ranges and comparison shorthands', () => {
    expect(parseSearchQuery('created_at:[2018-11-15 TO 2018-11-18]')).toEqual({
      kind: 'range', field: 'created_at', lower: { value: '2018-11-15', inclusive: true }, upper: { value: '2018-11-18', inclusive: true },
    });
    expect(parseSearchQuery('article_count:{1 TO *]')).toMatchObject({ lower: { value: '1', inclusive: false }, upper: null });
    expect(parseSearchQuery('article_count:>=2')).toMatchObject({ lower: { value: '2', inclusive: true }, upper: null });
  });

  it('marks wildcards and a bare * as match-all', () => {
    expect(parseSearchQuery('number:1118*')).toMatchObject({ term: { text: '1118*', glob: expect.any(RegExp) } });
    expect(parseSearchQuery('*')).toMatchObject({ term: { matchAll: true } });
  });

  it.each([
    ['(state.name:open', "missing ')'"],
    ['state.name:open)', "unexpected ')'"],
    ['title:"unterminated', 'unterminated phrase'],
    ['created_at:[2018 TO', 'unterminated range'],
    ['created_at:[2018 2019]', 'a range needs'],
    ['state.name:', 'has no value'],
    ['a AND', 'unexpected end'],
    ['foo\\', 'dangling escape'],
    ['/regex/', 'regular expressions'],
  ])('refuses %s', (query, message) => {
    expect(() => parseSearchQuery(query)).toThrow(SearchQuerySyntaxError);
    expect(() => parseSearchQuery(query)).toThrow(message);
  });
});

describe('matchesSearch', () => {
  it('analyzes text like the standard analyzer (emails split at @, CJK per character)', () => {
    expect(analyze('John.Smith@Example.com')).toEqual(['john.smith', 'example.com']);
    expect(analyze('设备离线 GW-0001')).toEqual(['设', '备', '离', '线', 'gw', '0001']);
  });

  it('matches analyzed words and phrases in text fields, case-insensitively', () => {
    expect(matches('title:printer', printer)).toBe(true);
    expect(matches('title:"printer broken"', printer)).toBe(true);
    expect(matches('title:"broken printer"', printer)).toBe(false);
    expect(matches('title:设备', offline)).toBe(true);
    expect(matches('customer.email:john.smith@example.com', printer)).toBe(true);
    expect(matches('customer.email:john.smith@example.com', offline)).toBe(false);
  });

  it('matches escaped and quoted values literally against whole keyword values', () => {
    for (const query of ['tags:x\\ OR\\ customer.email\\:*', 'tags:x\\ OR\\ customer.email\\:\\*', 'tags:"x OR customer.email:*"']) {
      expect(matches(query, trap)).toBe(true);
      expect(matches(query, plainX)).toBe(false);
      expect(matches(query, printer)).toBe(false);
    }
  });

  it('treats the unescaped version as a boolean query', () => {
    // tags:x OR customer.email:* — every document with an e-mail matches.
    expect(matches('tags:x OR customer.email:*', printer)).toBe(true);
  });

  it('matches wildcards against whole values and words', () => {
    expect(matches('number:3111*', offline)).toBe(true);
    expect(matches('number:3111*', printer)).toBe(false);
    expect(matches('number:3100?', printer)).toBe(true);
    expect(matches('customer.email:*@example.cn', offline)).toBe(true);
    expect(matches('print*', printer)).toBe(true);
  });

  it('combines AND, OR, NOT and groups', () => {
    expect(matches('state.name:(open OR new) AND NOT tags:printer', printer)).toBe(false);
    expect(matches('state.name:(open OR new) AND NOT tags:printer', trap)).toBe(true);
    expect(matches('(tags:printer OR tags:设备离线) -state.name:open', offline)).toBe(true);
    expect(matches('state.name:pending', offline)).toBe(true);
  });

  it('rounds date-only range bounds like Elasticsearch', () => {
    expect(matches('created_at:[2018-11-15 TO 2018-11-18]', offline)).toBe(true); // 23:30 on the inclusive upper day
    expect(matches('created_at:[2018-11-15 TO 2018-11-18}', offline)).toBe(false);
    expect(matches('created_at:{2018-11-16 TO *]', printer)).toBe(false); // exclusive lower rounds up to the end of the day
    expect(matches('created_at:[2018-11-16 TO *]', printer)).toBe(true);
    expect(matches('created_at:[2018-11-16T10:00:01Z TO *]', printer)).toBe(false);
    expect(matches('created_at:<now-1y', printer)).toBe(true);
    expect(parseDateBound('2018-11-18', true, NOW)).toBe(Date.parse('2018-11-18T23:59:59.999Z'));
  });

  it('compares numbers in ranges and terms', () => {
    expect(matches('article_count:[2 TO 3]', printer)).toBe(true);
    expect(matches('article_count:{1 TO 2}', offline)).toBe(false);
    expect(matches('article_count:3', printer)).toBe(true);
  });

  it('looks bare terms up in the default fields and ignores unknown fields', () => {
    expect(matches('31118', offline)).toBe(true);
    expect(matches('unknown_field:open', printer)).toBe(false);
    expect(matches('*', printer)).toBe(true);
  });
});
