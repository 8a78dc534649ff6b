import { matchesSearch, type SearchDocument, type SearchSchema, type SearchValue } from './matchSearchQuery.js';
import { pageOf, type Pagination } from './pagination.js';
import { parseSearchQuery, SearchQuerySyntaxError, type SearchNode } from './parseSearchQuery.js';
import { internalError } from './ZammadError.js';

export interface SearchSpec {
  query: unknown;
  sortBy: unknown;
  orderBy: unknown;
  pagination: Pagination;
  /** Sort when `sort_by` is absent: Zammad's models default to `updated_at` descending. */
  defaultSortBy: string;
  sortColumns: ReadonlySet<string>;
}

export interface SearchResult<T> {
  page: T[];
  total: number;
}

type Direction = 'asc' | 'desc';

function list(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== '');
}

/**
 * SqlHelper's `get_sort_by`/`get_order_by`: one column per `sort_by` entry (not split on
 * commas), each checked against the table's columns; a missing `order_by` means `desc`. A
 * `sort_by` entry without an `order_by` at the same position is dropped, as Zammad's
 * Elasticsearch sort does. Bad values raise plain RuntimeErrors: HTTP 500.
 */
function sortOf(spec: SearchSpec): Array<[string, Direction]> {
  const sortBy = list(spec.sortBy);
  for (const column of sortBy) {
    if (!spec.sortColumns.has(column)) throw internalError(`Found invalid column '${column}' for sorting.`);
  }
  const orderBy = list(spec.orderBy).map((value) => {
    if (!/^(asc|desc)$/i.test(value)) throw internalError(`Found invalid order by value ${value}. Please use 'asc' or 'desc'.`);
    return value.toLowerCase() as Direction;
  });
  const columns = sortBy.length > 0 ? sortBy : [spec.defaultSortBy];
  const directions = orderBy.length > 0 ? orderBy : ['desc' as Direction];
  const pairs = columns.flatMap((column, i): Array<[string, Direction]> => {
    const direction = directions[i];
    return direction ? [[column, direction]] : [];
  });
  return pairs.length > 0 ? pairs : [['updated_at', 'desc']];
}

function compareValues(a: SearchValue | undefined, b: SearchValue | undefined, direction: Direction): number {
  // Elasticsearch puts documents without a value last, whichever the direction.
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const order = a < b ? -1 : a > b ? 1 : 0;
  return direction === 'asc' ? order : -order;
}

/**
 * Zammad's search through Elasticsearch: a query without a colon gets a `*` appended
 * (`append_wildcard_to_simple_query`), so a blank query is `*` (everything). A query
 * Elasticsearch refuses is logged by Zammad and answered as an empty result, not an error.
 * Ties after the requested sort are broken by id in the direction of the last sort key.
 */
export function searchRecords<T extends { id: number }>(
  records: readonly T[],
  documentOf: (record: T) => SearchDocument,
  schema: SearchSchema,
  spec: SearchSpec,
  now: number,
): SearchResult<T> {
  const sort = sortOf(spec);
  let text = typeof spec.query === 'string' ? spec.query.trim() : '';
  if (!text.includes(':')) text += '*';
  let node: SearchNode;
  try {
    node = parseSearchQuery(text);
  } catch (err) {
    if (err instanceof SearchQuerySyntaxError) return { page: [], total: 0 };
    throw err;
  }
  const hits = records
    .map((record) => ({ record, doc: documentOf(record) }))
    .filter(({ doc }) => matchesSearch(node, doc, schema, now));
  const lastDirection = sort[sort.length - 1]?.[1] ?? 'desc';
  hits.sort((a, b) => {
    for (const [column, direction] of sort) {
      const order = compareValues(a.doc[column]?.[0], b.doc[column]?.[0], direction);
      if (order !== 0) return order;
    }
    return lastDirection === 'asc' ? a.record.id - b.record.id : b.record.id - a.record.id;
  });
  return { page: pageOf(hits, spec.pagination).map((hit) => hit.record), total: hits.length };
}
