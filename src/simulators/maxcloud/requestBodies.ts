import { badRequest } from './envelope.js';

/**
 * Reading request bodies the way a strictly typed (Go-style) binder does: a number where a
 * number is expected (`"2"` is refused), JSON `null` read as "not given", unknown keys ignored.
 */

export const MAXCLOUD_PAGE_SIZE_DEFAULT = 20;

export interface LoginInput {
  email: string;
  password: string;
}

export interface SwitchInput {
  company_id: number;
}

export interface SearchInput {
  page: number;
  page_size: number;
  /** Epoch ms, inclusive; undefined = unbounded. */
  start_time: number | undefined;
  end_time: number | undefined;
  query: string;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('invalid parameter: the body must be a JSON object');
  return body as Record<string, unknown>;
}

const given = (value: unknown) => value !== undefined && value !== null;

function integer(body: Record<string, unknown>, name: string, min: number): number | undefined {
  const value = body[name];
  if (!given(value)) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw badRequest(`invalid parameter: ${name} must be an integer >= ${min}`);
  }
  return value;
}

function text(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (!given(value)) return undefined;
  if (typeof value !== 'string') throw badRequest(`invalid parameter: ${name} must be a string`);
  return value;
}

export function readLogin(raw: unknown): LoginInput {
  const body = objectBody(raw);
  const email = text(body, 'email')?.trim() ?? '';
  const password = text(body, 'password') ?? '';
  if (email === '' || password === '') throw badRequest('invalid parameter: email and password are required');
  return { email, password };
}

export function readSwitch(raw: unknown): SwitchInput {
  const companyId = integer(objectBody(raw), 'company_id', 1);
  if (companyId === undefined) throw badRequest('invalid parameter: company_id is required');
  return { company_id: companyId };
}

/**
 * The doc always sends all five fields; the simulator defaults the missing ones (page 1, page
 * size 20, no time bound, empty query) and refuses a page or page size below 1. A page size
 * above the maximum is clamped by the route, not refused.
 */
export function readSearch(raw: unknown): SearchInput {
  const body = objectBody(raw);
  return {
    page: integer(body, 'page', 1) ?? 1,
    page_size: integer(body, 'page_size', 1) ?? MAXCLOUD_PAGE_SIZE_DEFAULT,
    start_time: integer(body, 'start_time', 0),
    end_time: integer(body, 'end_time', 0),
    query: text(body, 'query') ?? '',
  };
}
