import { createHash } from 'node:crypto';
import type { Source } from '../models.js';
import type { VendorRequest } from '../vendors/shared/VendorHttp.js';

/** Where one caller's cached answers from one vendor live, and the answer of one read among them. */
export interface CacheKeys {
  /** The caller's scope at the vendor: its generation is replaced by every write the caller makes there. */
  scope: string;
  /** One read (path and parameters) within the scope. */
  entry: string;
  /** The key that seals the scope's answers where others can read them (Redis): derived from the caller's credentials, never stored. */
  secret: Buffer;
}

/**
 * Headers that describe a body rather than the caller: a write sends them where the reads it
 * changes do not (Lexiang's `content-type`), so they must not part the write's scope from theirs.
 */
const CONTENT_HEADERS = new Set(['accept', 'content-type', 'content-length', 'user-agent']);

/**
 * Keys are digests. The scope: every header of the call but those above, so two callers whose
 * credentials, acting staff member or `From` differ never share an answer, and a header added
 * some day counts as the caller's. The entry: the scope, every header, and the read itself. No
 * token, ID or query string appears in a key, in memory or in Redis.
 */
export function cacheKeysOf(source: Source, request: Pick<VendorRequest, 'path' | 'searchParams' | 'headers'>): CacheKeys {
  const headers = Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value] as const);
  const caller = canonical(headers.filter(([name]) => !CONTENT_HEADERS.has(name)));
  const scope = `${source.toLowerCase()}:${digest('scope', source, caller).toString('hex', 0, 16)}`;
  return {
    scope,
    entry: `${scope}:${digest('read', canonical(headers), canonicalRead(request)).toString('hex', 0, 16)}`,
    secret: digest('encryption', source, caller),
  };
}

function canonical(headers: (readonly [string, string])[]): string {
  return [...headers]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}`)
    .join('\n');
}

function canonicalRead({ path, searchParams = {} }: Pick<VendorRequest, 'path' | 'searchParams'>): string {
  const query = Object.keys(searchParams)
    .filter((name) => searchParams[name] !== undefined)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(String(searchParams[name]))}`)
    .join('&');
  return `GET ${path}?${query}`;
}

/** SHA-256 of the parts under a purpose, so that no digest of one purpose tells anything of another's. */
function digest(purpose: string, ...parts: string[]): Buffer {
  const hash = createHash('sha256').update(`tessera response cache ${purpose}`);
  // NUL-separated, so `a` + `bc` never digests like `ab` + `c`.
  for (const part of parts) hash.update('\0').update(part);
  return hash.digest();
}
