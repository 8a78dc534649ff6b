import type { TesseraError } from '../../errors.js';

/**
 * Whose token a call to a token-based vendor uses, decided per request by the context:
 * the caller's own token, the gateway's service credentials, or neither.
 */
export type TokenAuth =
  | { kind: 'user'; token: string }
  | { kind: 'service' }
  /** No usable credentials; `error` says why and is thrown on the first call that needs them. */
  | { kind: 'none'; error: TesseraError };
