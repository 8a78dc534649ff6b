import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { PersistedQueryOptions } from '@apollo/server';
import { stripIgnoredCharacters } from 'graphql';
import { ConfigError } from '../ConfigError.js';
import { ErrorCode, TesseraError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PersistedQueryStore } from './persistedQueryCache.js';

/** The registered operations: SHA-256 of the document text (hex) → the text. */
export type OperationManifest = ReadonlyMap<string, string>;

const VARIABLE = 'TESSERA_OPERATION_SAFELIST';
const SHA256_HEX = /^[0-9a-f]{64}$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** client-preset writes `sha256:<hex>` (the GraphQL-over-HTTP document ID form); Apollo's APQ sends the bare hex. Both name the same entry. */
const bareHash = (hash: string) => (hash.startsWith('sha256:') ? hash.slice('sha256:'.length) : hash);

/**
 * Reads a persisted-documents manifest as `@graphql-codegen/client-preset` writes it
 * (`persisted-documents.json`): `{ "sha256:<hex>": "query …" }`; keys without the `sha256:`
 * prefix (Apollo's APQ hashes) are accepted too. Every key must be the SHA-256 of its text, so
 * a hash can only ever name the text it was computed from. Errors name the variable and the
 * entry's position, never the file's content.
 */
export function readOperationManifest(path: string): OperationManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not JSON' : 'cannot be read';
    throw new ConfigError(`Invalid configuration: the file ${VARIABLE} names ${reason}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`Invalid configuration: ${VARIABLE} must be a JSON object of "sha256:<hash>": "<document>" entries`);
  }
  const manifest = new Map<string, string>();
  Object.entries(parsed).forEach(([key, text], i) => {
    const hash = bareHash(key);
    if (typeof text !== 'string' || !SHA256_HEX.test(hash) || sha256(text) !== hash) {
      throw new ConfigError(`Invalid configuration: ${VARIABLE} entry ${i + 1} is not a document keyed by the SHA-256 of its text`);
    }
    manifest.set(hash, text);
  });
  if (manifest.size === 0) throw new ConfigError(`Invalid configuration: ${VARIABLE} lists no operations`);
  return manifest;
}

export interface OperationSafelist {
  /**
   * Apollo's persisted-query store in safelist mode: the manifest, read-only. A registered
   * operation is served by its hash alone; nothing can be registered by a client.
   */
  persistedQueries: PersistedQueryOptions;
  /**
   * Wraps the context factory so that a request is refused, before any parsing, unless every
   * operation in it is registered: by hash (`extensions.persistedQuery.sha256Hash`) or by full
   * text (the manifest's text, or the same tokens spaced differently).
   */
  guard<A extends { req: IncomingMessage }, C>(createContext: (args: A) => Promise<C>): (args: A) => Promise<C>;
}

/**
 * Safelist mode: only the operations a frontend's build registered run. The check reads the
 * request exactly as Apollo Server will (POST body fields, GET search parameters given once),
 * and anything it cannot show to be registered is refused with OPERATION_NOT_IN_SAFELIST, 403.
 */
export function createOperationSafelist(manifest: OperationManifest, logger: Logger): OperationSafelist {
  const texts = new Set(manifest.values());
  const compactTexts = new Set([...texts].map(compact).filter((text) => text !== undefined));
  const isRegisteredText = (query: string) => {
    if (texts.has(query)) return true;
    const compacted = compact(query);
    return compacted !== undefined && compactTexts.has(compacted);
  };

  const store: PersistedQueryStore = {
    // Apollo prefixes its keys (`apq:<hash>`, so `apq:sha256:<hex>` for a prefixed hash): the hex follows the last colon.
    async get(key) {
      return manifest.get(key.slice(key.lastIndexOf(':') + 1));
    },
    async set() {},
    async delete() {
      return false;
    },
  };

  const isAllowed = (operation: unknown): boolean => {
    if (!isRecord(operation)) return false;
    const { query, extensions } = operation;
    if (typeof query === 'string') return isRegisteredText(query);
    if (query !== undefined && query !== null) return false;
    const persisted = isRecord(extensions) ? extensions.persistedQuery : undefined;
    return isRecord(persisted) && typeof persisted.sha256Hash === 'string' && manifest.has(bareHash(persisted.sha256Hash));
  };

  return {
    persistedQueries: { cache: store, ttl: null },
    guard(createContext) {
      return async (args) => {
        const operations = operationsOf(args.req);
        if (operations === undefined || operations.length === 0 || !operations.every(isAllowed)) {
          logger.info({ method: args.req.method }, 'request refused: operation not in the safelist');
          throw new TesseraError(
            'This gateway runs only registered operations, and this is not one of them. Send a registered operation by its hash ' +
              '(extensions.persistedQuery.sha256Hash) or its full text, or add it to the operation manifest.',
            ErrorCode.OPERATION_NOT_IN_SAFELIST,
            { httpStatus: 403 },
          );
        }
        return createContext(args);
      };
    },
  };
}

/**
 * The operations of an HTTP request as Apollo Server reads them: a POST's JSON body (an array
 * when batched), a GET's `query` and JSON `extensions` search parameters. Undefined for
 * anything else, or for a parameter given twice (Apollo refuses those too).
 */
function operationsOf(req: IncomingMessage & { body?: unknown }): unknown[] | undefined {
  if (req.method === 'POST') return Array.isArray(req.body) ? req.body : [req.body];
  if (req.method !== 'GET') return undefined;
  const url = req.url ?? '';
  const at = url.indexOf('?');
  const params = new URLSearchParams(at < 0 ? '' : url.slice(at + 1).split('#')[0]);
  const [queries, extensions] = [params.getAll('query'), params.getAll('extensions')];
  if (queries.length > 1 || extensions.length > 1) return undefined;
  let parsedExtensions: unknown;
  try {
    parsedExtensions = extensions[0] === undefined ? undefined : JSON.parse(extensions[0]);
  } catch {
    return undefined;
  }
  return [{ query: queries[0], extensions: parsedExtensions }];
}

/** The document's tokens without the characters GraphQL ignores (spaces, commas, comments); unreadable text never matches. */
function compact(text: string): string | undefined {
  try {
    return stripIgnoredCharacters(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
