import { describe, expect, it } from '@jest/globals';
import { ErrorCode, TesseraError } from '../../src/errors.js';
import { parseTicketQuery } from '../../src/simulators/maxcloud/index.js';
import { feedQuery, filterQuery, searchWindow, ticketIdQuery, ticketSearchQuery } from '../../src/vendors/maxcloud/query.js';

function refusal(run: () => unknown): TesseraError {
  try {
    run();
  } catch (error) {
    if (error instanceof TesseraError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('MaxCloud ticket search queries', () => {
  it('writes the doc’s own examples with every value quoted', () => {
    expect(ticketSearchQuery({ groupTags: ['mtg'], states: ['open'] })).toBe('state:"open" AND group_tag:"mtg"');
    expect(ticketSearchQuery({ groupTags: ['mtg'], labels: ['日志bug'], states: ['open'] })).toBe('state:"open" AND group_tag:"mtg" AND labels:"日志bug"');
  });

  it('ORs the any-of lists in parentheses and ANDs the all-of labels', () => {
    expect(filterQuery({ states: ['new', 'Open'], groupTags: ['mtg', 'ops'], labels: ['k8s', '告警'] })).toBe(
      '(state:"new" OR state:"open") AND (group_tag:"mtg" OR group_tag:"ops") AND labels:"k8s" AND labels:"告警"',
    );
  });

  it('searches people by lower-cased address and free text as one phrase', () => {
    expect(filterQuery({ createdBy: ' Li.Na@Example.cn ', assignedTo: 'ops.admin@spotmax.example', text: ' spot 中断 ' })).toBe(
      'created_by:"li.na@example.cn" AND assigned_to:"ops.admin@spotmax.example" AND "spot 中断"',
    );
  });

  it('keeps operators, fields and parentheses inside a value as the value', () => {
    expect(filterQuery({ labels: ['x OR company_id:2'] })).toBe('labels:"x OR company_id:2"');
    expect(filterQuery({ text: ') OR (state:closed' })).toBe('") OR (state:closed"');
    // As a grammar that knows quoting reads it (the simulator's parser): one clause, the whole value.
    expect(parseTicketQuery(filterQuery({ labels: ['x OR company_id:2'] })!)).toEqual({ kind: 'field', field: 'labels', value: 'x OR company_id:2' });
  });

  it('refuses a value with a double quote or a backslash, saying why and which field', () => {
    for (const filter of [{ labels: ['a" OR "b'] }, { text: 'C:\\temp' }, { createdBy: 'x"@example.com' }]) {
      const error = refusal(() => filterQuery(filter));
      expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(error.message).toMatch(/may not understand escapes/);
      expect(error.extensions).toMatchObject({ source: 'MAXCLOUD', fieldErrors: [{ field: Object.keys(filter)[0] }] });
    }
  });

  it('drops blank values and answers every ticket for an empty filter', () => {
    expect(ticketSearchQuery({ states: ['', ' '], labels: [], text: '  ' })).toBe('');
    expect(ticketSearchQuery(null)).toBe('');
  });

  it('ANDs the raw query, unescaped and in parentheses, with the filter', () => {
    expect(ticketSearchQuery({ states: ['open'] }, 'group_tag:mtg OR group_tag:ops')).toBe('(group_tag:mtg OR group_tag:ops) AND state:"open"');
    expect(ticketSearchQuery(undefined, ' labels:日志bug ')).toBe('(labels:日志bug)');
  });

  it('turns a creation range into start_time and end_time in epoch ms, open ends the epoch and a day past now', () => {
    const now = Date.parse('2026-11-30T00:00:00Z');
    expect(searchWindow({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') }, now)).toEqual({
      start_time: Date.parse('2026-01-01T00:00:00Z'),
      end_time: Date.parse('2026-02-01T00:00:00Z'),
    });
    expect(searchWindow(null, now)).toEqual({ start_time: 0, end_time: now + 86_400_000 });
    expect(refusal(() => searchWindow({ from: new Date(2), to: new Date(1) }, now)).code).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('searches one ticket by a quoted id, and no ticket for an ID that is not a number', () => {
    expect(ticketIdQuery('101')).toBe('id:"101"');
    expect(ticketIdQuery('101 OR id:102')).toBeNull();
  });

  it('reads the merged connection’s query as a state and a reporter or an assignee, and has no customers', () => {
    expect(feedQuery({})).toBe('');
    expect(feedQuery({ status: 'PENDING' })).toBe('state:"pending"');
    expect(feedQuery({ status: 'RESOLVED', person: { email: 'li.na@example.cn', role: 'CREATOR' } })).toBe('state:"resolved" AND created_by:"li.na@example.cn"');
    expect(feedQuery({ person: { email: 'li.na@example.cn', role: 'ASSIGNEE' } })).toBe('assigned_to:"li.na@example.cn"');
    expect(feedQuery({ person: { email: 'li.na@example.cn', role: 'CUSTOMER' } })).toBeNull();
  });
});
