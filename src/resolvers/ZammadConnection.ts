import type { Page } from '../models.js';
import { toConnection, type PageRequest } from '../pagination.js';

/** A Zammad list as a connection; `totalCount` is null when Zammad did not tell the total. */
export function toZammadConnection<T>(page: Page<T> & { totalKnown?: boolean }) {
  return { ...toConnection(page), totalCount: page.totalKnown === false ? null : page.total };
}

/** A slice of a list Zammad returned whole (a ticket's articles), as a page. */
export function sliceOf<T>(all: readonly T[], request: PageRequest): Page<T> {
  return { items: all.slice(request.offset, request.offset + request.limit), offset: request.offset, total: all.length };
}
