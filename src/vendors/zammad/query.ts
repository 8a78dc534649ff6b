import { BadUserInputError } from '../../errors.js';

/**
 * Zammad's ticket search speaks Elasticsearch's Lucene-style query syntax (`state.name:open
 * AND tags:feedback`). Tessera builds that string from a structured filter, and every value
 * a caller gives is quoted (inside quotes only `"` and `\` are special, and both are
 * backslash-escaped), so no value can add a clause, a wildcard, a field or an operator:
 * a tag `x OR customer.email:*` is searched as exactly that tag.
 */

export interface TimeRange {
  /** Inclusive. */
  from?: Date | null;
  /** Inclusive. */
  to?: Date | null;
}

/** A structured ticket filter; every given condition must hold (AND). */
export interface ZammadTicketFilter {
  /** State names (any of). */
  states?: readonly string[] | null;
  /** Priority names (any of). */
  priorities?: readonly string[] | null;
  /** Group names (any of). */
  groups?: readonly string[] | null;
  /** The owner's e-mail address. */
  owner?: string | null;
  /** The customer's e-mail address. */
  customer?: string | null;
  /** The e-mail address of who created the ticket. */
  createdBy?: string | null;
  /** The organization's name. */
  organization?: string | null;
  /** Tags (all of). */
  tags?: readonly string[] | null;
  createdAt?: TimeRange | null;
  updatedAt?: TimeRange | null;
  /** Free text: every word must occur (in any field Zammad indexes). */
  text?: string | null;
}

/** Everything: Zammad's "match all" (its database fallback turns `*` into `%`). */
export const MATCH_ALL = '*';

const MAX_VALUE_LENGTH = 500;

/** One value as a quoted Lucene term: `"…"` with `\` and `"` escaped. */
export function quoted(value: string): string {
  if (value.length > MAX_VALUE_LENGTH) throw new BadUserInputError(`A search value may be at most ${MAX_VALUE_LENGTH} characters.`, { source: 'ZAMMAD' });
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `field:"a"`, or `field:("a" OR "b")` for several; null when there are none. */
function anyOf(field: string, values: readonly string[] | null | undefined): string | null {
  const given = (values ?? []).filter((v) => v.trim() !== '');
  if (given.length === 0) return null;
  return given.length === 1 ? `${field}:${quoted(given[0]!)}` : `${field}:(${given.map(quoted).join(' OR ')})`;
}

function range(field: string, value: TimeRange | null | undefined): string | null {
  if (!value || (!value.from && !value.to)) return null;
  const bound = (date: Date | null | undefined) => {
    if (!date) return '*';
    if (Number.isNaN(date.getTime())) throw new BadUserInputError(`Invalid time in the ${field} range.`, { source: 'ZAMMAD' });
    return quoted(date.toISOString());
  };
  return `${field}:[${bound(value.from)} TO ${bound(value.to)}]`;
}

/** The filter as a Zammad query string; null when it filters nothing. */
export function filterQuery(filter: ZammadTicketFilter): string | null {
  const words = (filter.text ?? '').split(/\s+/).filter(Boolean);
  const clauses = [
    anyOf('state.name', filter.states),
    anyOf('priority.name', filter.priorities),
    anyOf('group.name', filter.groups),
    anyOf('owner.email', filter.owner ? [filter.owner.trim().toLowerCase()] : null),
    anyOf('customer.email', filter.customer ? [filter.customer.trim().toLowerCase()] : null),
    anyOf('created_by.email', filter.createdBy ? [filter.createdBy.trim().toLowerCase()] : null),
    anyOf('organization.name', filter.organization ? [filter.organization] : null),
    ...(filter.tags ?? []).filter((t) => t.trim() !== '').map((tag) => `tags:${quoted(tag)}`),
    range('created_at', filter.createdAt),
    range('updated_at', filter.updatedAt),
    ...words.map(quoted),
  ].filter((clause): clause is string => clause !== null);
  return clauses.length ? clauses.join(' AND ') : null;
}

/**
 * The query for `GET /tickets/search`: the caller's raw Zammad query (passed on unescaped,
 * parenthesised so its ORs stay inside) AND the structured filter; `*` when both are empty.
 */
export function ticketSearchQuery(filter: ZammadTicketFilter | null | undefined, rawQuery?: string | null): string {
  const structured = filter ? filterQuery(filter) : null;
  const raw = rawQuery?.trim() ? `(${rawQuery.trim()})` : null;
  if (raw && structured) return `${raw} AND (${structured})`;
  return raw ?? structured ?? MATCH_ALL;
}

/** Tickets of one customer or organization. The ID is digits only (checked by the caller), so it needs no quoting. */
export function ticketsOfQuery(field: 'customer_id' | 'organization_id', id: string): string {
  if (!/^\d+$/.test(id)) throw new BadUserInputError('Invalid Zammad ID.', { source: 'ZAMMAD' });
  return `${field}:${id}`;
}
