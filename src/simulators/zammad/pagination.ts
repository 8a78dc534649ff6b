/** Page caps, as Zammad's controllers set them (`paginate_with(max:, default:)`). */
export const TICKETS_PER_PAGE_MAX = 100;
export const TICKETS_PER_PAGE_DEFAULT = 100;
export const SEARCH_PER_PAGE_DEFAULT = 50;
export const SEARCH_PER_PAGE_MAX = 200;
/** `GET /users`: UsersController#index pages by 500 and never returns more. */
export const USERS_PER_PAGE_DEFAULT = 500;
export const USERS_PER_PAGE_MAX = 500;
/** Generic `model_index_render` (organizations, groups, states, priorities): default 500, CanPaginate's overall max 1000. */
export const INDEX_PER_PAGE_DEFAULT = 500;
export const INDEX_PER_PAGE_MAX = 1000;

export interface Pagination {
  offset: number;
  limit: number;
}

/** Ruby's `String#to_i`: leading integer or 0, never NaN (`"12abc"` → 12, `"abc"` → 0). */
export function rubyToI(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  const match = /^\s*([+-]?\d+)/.exec(String(value ?? ''));
  return match ? Number(match[1]) : 0;
}

/**
 * CanPaginate: `per_page` (alias `limit`) defaults per endpoint and is silently reduced to the
 * cap; `page` counts from 1.
 */
export function paginationOf(params: Record<string, unknown>, caps: { default: number; max: number }): Pagination {
  const requested = params.per_page ?? params.limit;
  const limit = Math.min(requested === undefined || requested === '' ? caps.default : rubyToI(requested), caps.max);
  const page = params.page === undefined || params.page === '' ? 1 : rubyToI(params.page);
  return { offset: (page - 1) * limit, limit };
}

/**
 * One page of `items`. Zammad hands nonsense values (page 0, per_page 0 or negative) to the
 * database or Elasticsearch, which answer with nothing; so does this.
 */
export function pageOf<T>(items: readonly T[], { offset, limit }: Pagination): T[] {
  if (limit <= 0 || offset < 0) return [];
  return items.slice(offset, offset + limit);
}
