import type { FieldError } from './envelope.js';

export interface Paging {
  page: number;
  pageRecords: number;
}

/** `page` (from 1, default 1) and `page_records` (1..max, default 20). Out-of-range values are refused, not clamped. */
export function parsePaging(query: Record<string, unknown>, maxPageRecords: number, defaultPageRecords = 20): Paging | FieldError[] {
  const errors: FieldError[] = [];
  const page = positiveInt(query.page, 1);
  if (page === null) errors.push({ field: 'page', message: 'page must be an integer >= 1' });
  const pageRecords = positiveInt(query.page_records, defaultPageRecords);
  if (pageRecords === null || pageRecords > maxPageRecords) {
    errors.push({ field: 'page_records', message: `page_records must be an integer between 1 and ${maxPageRecords}` });
  }
  if (errors.length > 0 || page === null || pageRecords === null) return errors;
  return { page, pageRecords };
}

/** Slices one page and reports the documented totals (`total`, `page_total`). */
export function pageOf<T>(items: readonly T[], paging: Paging): { items: T[]; total: number; page_total: number } {
  const start = (paging.page - 1) * paging.pageRecords;
  return { items: items.slice(start, start + paging.pageRecords), total: items.length, page_total: Math.ceil(items.length / paging.pageRecords) };
}

function positiveInt(raw: unknown, fallback: number): number | null {
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}
