/**
 * What one request may ask of the gateway, checked before any vendor call (the README's "Limits
 * and failure behaviour" lists each with its variable and default). Read from the environment
 * by `loadConfig`; every value is a positive integer.
 */
export interface QueryLimits {
  /** Largest request body `express.json` reads, in bytes (`TESSERA_MAX_BODY_KB`). */
  maxBodyBytes: number;
  /** Most lexical tokens in a document; the parser stops there (`TESSERA_MAX_TOKENS`). */
  maxTokens: number;
  /** Deepest field nesting of an operation, fragments flattened, introspection's `__schema` not counted (`TESSERA_MAX_DEPTH`). */
  maxDepth: number;
  /** Most aliases in an operation (`__typename` aliases not counted) (`TESSERA_MAX_ALIASES`). */
  maxAliases: number;
  /** Most directives in an operation (`TESSERA_MAX_DIRECTIVES`). */
  maxDirectives: number;
  /**
   * Most vendor calls an operation's static estimate may come to (`estimateOperation`), checked
   * before execution (`TESSERA_MAX_ESTIMATED_VENDOR_CALLS`). The estimate is an upper bound
   * (loaders de-duplicate: a hundred alarms of ten devices read ten devices, estimated as a
   * hundred), so this is set above `maxVendorCalls`.
   */
  maxEstimatedVendorCalls: number;
  /** Most vendor calls one request makes, counted as they go out (`countVendorCalls`); past it, further calls fail (`TESSERA_MAX_VENDOR_CALLS`). */
  maxVendorCalls: number;
  /** Most IDs in one `nodes(ids)` (and representations in one `_entities`) (`TESSERA_MAX_NODE_IDS`). */
  maxNodeIds: number;
  /** Most credential-checking or e-mail-sending mutation fields in one operation (`TESSERA_MAX_SENSITIVE_MUTATIONS`). */
  maxSensitiveMutations: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxBodyBytes: 100 * 1024,
  maxTokens: 2000,
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 50,
  maxEstimatedVendorCalls: 1000,
  maxVendorCalls: 300,
  maxNodeIds: 100,
  maxSensitiveMutations: 1,
};
