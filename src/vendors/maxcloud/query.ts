import { BadUserInputError } from '../../errors.js';
import type { TicketQuery } from '../shared/TicketFeed.js';
import { stateOfStatus } from './mapping.js';

/**
 * MaxCloud's ticket search takes a query string whose grammar is known only from the doc's
 * examples (`group_tag:mtg AND labels:日志bug AND state:open`); FACTS: whether quoting, OR,
 * NOT, parentheses or `id:` work is unconfirmed. Tessera builds the string from a structured
 * filter and sends every value a caller gives as a quoted phrase (`labels:"x OR company_id:2"`),
 * so no value can add a clause, a field or an operator. Whether MaxCloud understands escapes
 * inside quotes is not known either, so a value containing `"` or `\` is refused rather than
 * escaped in a way the vendor might read differently. Clauses are AND-joined; "any of" lists
 * are OR-joined inside parentheses (the only place Tessera itself relies on OR).
 */

const source = 'MAXCLOUD' as const;

export interface MaxCloudTimeRange {
  /** Inclusive. */
  from?: Date | null;
  /** Inclusive. */
  to?: Date | null;
}

/** A structured ticket filter; every given condition must hold (AND). */
export interface MaxCloudTicketFilter {
  /** State names as MaxCloud spells them (`open`, `pending`, …), any of. */
  states?: readonly string[] | null;
  /** Business units (`group_tag`, "BU"), any of. */
  groupTags?: readonly string[] | null;
  /** Labels, all of. */
  labels?: readonly string[] | null;
  /** The reporter's e-mail address. */
  createdBy?: string | null;
  /** The assignee's e-mail address. */
  assignedTo?: string | null;
  /** Free text, sent as one quoted phrase (MaxCloud decides where it looks: subject and content in the simulator). */
  text?: string | null;
  /** When the ticket was created; sent as `start_time`/`end_time`, not in the query. */
  createdAt?: MaxCloudTimeRange | null;
}

/** `"value"`, refusing what the grammar might not read as part of a value. */
export function quoted(value: string, field: string): string {
  if (/["\\]/.test(value)) {
    throw new BadUserInputError(
      `"${field}" may not contain a double quote or a backslash: MaxCloud's search grammar is known only from examples and may not understand escapes.`,
      { source, fieldErrors: [{ field, message: 'contains " or \\' }] },
    );
  }
  return `"${value}"`;
}

/** The non-blank values of a list, trimmed. */
function given(values: readonly string[] | null | undefined): string[] {
  return (values ?? []).map((v) => v.trim()).filter((v) => v !== '');
}

function anyOf(field: string, values: string[], argument: string): string | null {
  if (values.length === 0) return null;
  const clauses = values.map((value) => `${field}:${quoted(value, argument)}`);
  return clauses.length === 1 ? clauses[0]! : `(${clauses.join(' OR ')})`;
}

function email(value: string | null | undefined): string[] {
  const address = value?.trim().toLowerCase();
  return address ? [address] : [];
}

/** The filter's clauses AND-joined; null when it has none. `createdAt` is not part of the query. */
export function filterQuery(filter: MaxCloudTicketFilter): string | null {
  const text = filter.text?.trim();
  const clauses = [
    anyOf('state', given(filter.states).map((s) => s.toLowerCase()), 'states'),
    anyOf('group_tag', given(filter.groupTags), 'groupTags'),
    ...given(filter.labels).map((label) => `labels:${quoted(label, 'labels')}`),
    anyOf('created_by', email(filter.createdBy), 'createdBy'),
    anyOf('assigned_to', email(filter.assignedTo), 'assignedTo'),
    text ? quoted(text, 'text') : null,
  ].filter((clause): clause is string => clause !== null);
  return clauses.length ? clauses.join(' AND ') : null;
}

/**
 * The `query` for a search: the caller's raw query (passed on unescaped, parenthesised so its
 * ORs stay inside) AND the structured filter; `""` (every ticket) when both are empty.
 */
export function ticketSearchQuery(filter: MaxCloudTicketFilter | null | undefined, rawQuery?: string | null): string {
  const structured = filter ? filterQuery(filter) : null;
  const raw = rawQuery?.trim() ? `(${rawQuery.trim()})` : null;
  if (raw && structured) return `${raw} AND ${structured}`;
  return raw ?? structured ?? '';
}

/** How far past the gateway's clock an open range reaches: clocks differ, and a ticket MaxCloud dates a little ahead still counts. */
const OPEN_END_MARGIN_MS = 86_400_000;

/**
 * `start_time`/`end_time` (epoch ms) for a creation-time range. The doc's examples always send
 * both (the console: 2020-01-01 China time to now); an open start is the epoch, an open end a
 * day after now.
 */
export function searchWindow(range: MaxCloudTimeRange | null | undefined, now: number): { start_time: number; end_time: number } {
  const start = range?.from?.getTime() ?? 0;
  const end = range?.to?.getTime() ?? now + OPEN_END_MARGIN_MS;
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new BadUserInputError('"createdAt" needs valid times.', { source });
  if (start > end) throw new BadUserInputError('"createdAt.from" is after "createdAt.to".', { source, fieldErrors: [{ field: 'createdAt', message: 'from is after to' }] });
  return { start_time: Math.max(0, start), end_time: end };
}

/** The search for one ticket by ID (`id:"101"`; FACTS: `id:` is unconfirmed at the vendor). Null for an ID that is not one. */
export function ticketIdQuery(id: string): string | null {
  return /^\d{1,15}$/.test(id) ? `id:${quoted(id, 'id')}` : null;
}

/**
 * The merged connection's query as a MaxCloud search: a status is its one state, a person
 * the reporter (`created_by`) or the assignee (`assigned_to`). MaxCloud has no customer
 * role: null (the query cannot be answered) for CUSTOMER.
 */
export function feedQuery(query: TicketQuery): string | null {
  if (query.person?.role === 'CUSTOMER') return null;
  const filter: MaxCloudTicketFilter = {
    ...(query.status && { states: [stateOfStatus(query.status)] }),
    ...(query.person?.role === 'CREATOR' && { createdBy: query.person.email }),
    ...(query.person?.role === 'ASSIGNEE' && { assignedTo: query.person.email }),
  };
  return filterQuery(filter) ?? '';
}
