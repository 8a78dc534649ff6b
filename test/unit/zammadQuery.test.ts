import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '../../src/errors.js';
import { filterQuery, MATCH_ALL, quoted, ticketSearchQuery, ticketsOfQuery } from '../../src/vendors/zammad/query.js';

describe('Zammad search query building', () => {
  it('matches everything when there is nothing to filter', () => {
    expect(ticketSearchQuery(undefined)).toBe(MATCH_ALL);
    expect(ticketSearchQuery({}, '   ')).toBe(MATCH_ALL);
    expect(ticketSearchQuery({ states: [], tags: [''], text: '  ' })).toBe(MATCH_ALL);
  });

  it('builds one clause per condition, AND-ed, with every value quoted', () => {
    expect(
      filterQuery({
        states: ['open', 'pending reminder'],
        priorities: ['3 high'],
        groups: ['Users'],
        owner: ' Agent1@Example.com ',
        customer: 'nicole.braun@zammad.org',
        organization: 'Zammad Foundation',
        tags: ['printer', '3rd floor'],
        createdAt: { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2024-02-01T00:00:00Z') },
        updatedAt: { from: new Date('2024-03-01T00:00:00Z') },
        text: 'toner  empty',
      }),
    ).toBe(
      [
        'state.name:("open" OR "pending reminder")',
        'priority.name:"3 high"',
        'group.name:"Users"',
        'owner.email:"agent1@example.com"',
        'customer.email:"nicole.braun@zammad.org"',
        'organization.name:"Zammad Foundation"',
        'tags:"printer"',
        'tags:"3rd floor"',
        'created_at:["2024-01-01T00:00:00.000Z" TO "2024-02-01T00:00:00.000Z"]',
        'updated_at:["2024-03-01T00:00:00.000Z" TO *]',
        '"toner"',
        '"empty"',
      ].join(' AND '),
    );
  });

  it('escapes quotes and backslashes inside values, so no value can end its quotes', () => {
    expect(quoted('a"b')).toBe('"a\\"b"');
    expect(quoted('a\\')).toBe('"a\\\\"');
    expect(quoted('x\\" OR *')).toBe('"x\\\\\\" OR *"');
  });

  it('keeps a tag that looks like a query as one literal term', () => {
    const query = filterQuery({ tags: ['x OR customer.email:*'] });
    expect(query).toBe('tags:"x OR customer.email:*"');
    // Everything after `tags:` is inside one pair of unescaped quotes.
    expect(unquotedParts(query!)).toEqual(['tags:']);
  });

  it('cannot be widened by any value, however it is crafted', () => {
    const nasty = ['") OR *:* OR ("', '\\") OR (tags:*', 'a\\\\" OR "b', '*', 'x) OR (y', 'a AND NOT b', '"', '\\'];
    for (const value of nasty) {
      const query = filterQuery({ tags: [value], customer: `${value}@x`, states: [value, 'open'], text: value })!;
      // Outside quoted terms only the structure Tessera wrote remains; the free text adds one AND per word.
      const parts = unquotedParts(query);
      expect(parts.slice(0, 4)).toEqual(['state.name:(', ' OR ', ') AND customer.email:', ' AND tags:']);
      expect(parts.slice(4).every((part) => part === ' AND ')).toBe(true);
    }
  });

  it('AND-s a raw query in parentheses with the filter, leaving the raw query unescaped', () => {
    expect(ticketSearchQuery({ states: ['open'] }, 'owner.login:agent1 OR tags:vip')).toBe('(owner.login:agent1 OR tags:vip) AND (state.name:"open")');
    expect(ticketSearchQuery(null, 'number:1118*')).toBe('(number:1118*)');
  });

  it('refuses over-long values and unreadable times', () => {
    expect(() => quoted('x'.repeat(501))).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
    expect(() => filterQuery({ createdAt: { from: new Date('nope') } })).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
  });

  it('queries a customer’s or an organization’s tickets by numeric ID only', () => {
    expect(ticketsOfQuery('customer_id', '7')).toBe('customer_id:7');
    expect(ticketsOfQuery('organization_id', '3')).toBe('organization_id:3');
    expect(() => ticketsOfQuery('customer_id', '7 OR *')).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
  });
});

/**
 * The parts of a query outside quoted terms, read as a Lucene parser reads them: `\` escapes
 * the next character inside quotes, and an unescaped `"` opens or closes a term.
 */
function unquotedParts(query: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < query.length; i++) {
    const c = query[i]!;
    if (inQuotes) {
      if (c === '\\') i++;
      else if (c === '"') inQuotes = false;
      continue;
    }
    if (c === '"') {
      inQuotes = true;
      parts.push(current);
      current = '';
    } else current += c;
  }
  expect(inQuotes).toBe(false);
  if (current) parts.push(current);
  return parts.filter(Boolean);
}
