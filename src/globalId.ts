import { BadUserInputError } from './errors.js';
import type { Source } from './models.js';

/**
 * The GraphQL type a global ID belongs to (`DreamreflexTicket`, `Device`, …). Which vendor
 * issues which types is said by the vendors' registrations, not here.
 */
export type IdType = string;

const TYPE_NAME = /^[A-Z][A-Za-z0-9]{0,63}$/;
const sources = new Set<string>(['MAXCLOUD', 'THINGSCLOUD', 'ZAMMAD', 'LEXIANG', 'DREAMREFLEX']);

export interface GlobalId {
  type: IdType;
  source: Source;
  nativeId: string;
}

/**
 * Global IDs are base64url of `Type:SOURCE:nativeId`: opaque to clients, stable across
 * requests and replicas (they are the entity keys a federated graph will use), and
 * decodable without a lookup so `node(id)` knows which vendor to ask.
 */
export function toGlobalId(type: IdType, source: Source, nativeId: string): string {
  return Buffer.from(`${type}:${source}:${nativeId}`, 'utf8').toString('base64url');
}

export function fromGlobalId(id: string): GlobalId {
  const invalid = () => new BadUserInputError(`"${id.length > 80 ? `${id.slice(0, 80)}…` : id}" is not a valid Tessera ID.`);
  if (id.length === 0 || id.length > 512 || !/^[A-Za-z0-9_-]+$/.test(id)) throw invalid();
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const first = decoded.indexOf(':');
  const second = decoded.indexOf(':', first + 1);
  if (first < 0 || second < 0) throw invalid();
  const type = decoded.slice(0, first);
  const source = decoded.slice(first + 1, second);
  const nativeId = decoded.slice(second + 1);
  if (!TYPE_NAME.test(type) || !sources.has(source) || nativeId.length === 0) throw invalid();
  return { type: type as IdType, source: source as Source, nativeId };
}

/** Decodes an ID that must be of one of the given types (`ticket(id)` given a Contract's ID is a caller mistake). */
export function expectGlobalId(id: string, ...types: IdType[]): GlobalId {
  const parsed = fromGlobalId(id);
  if (!types.includes(parsed.type)) {
    throw new BadUserInputError(`ID "${id}" belongs to a ${parsed.type}, not a ${types.join(' or ')}.`);
  }
  return parsed;
}
