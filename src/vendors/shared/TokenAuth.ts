import { UnauthenticatedError, vendorName, type TesseraError } from '../../errors.js';
import type { Source } from '../../models.js';
import type { RequestScope } from './VendorModule.js';

/**
 * Whose token a call to a token-based vendor uses, decided per request: the caller's own
 * token, the gateway's service credentials, or neither.
 */
export type TokenAuth =
  | { kind: 'user'; token: string }
  | { kind: 'service' }
  /** No usable credentials; `error` says why and is thrown on the first call that needs them. */
  | { kind: 'none'; error: TesseraError };

/** A vendor whose callers may send their own token: where it comes from and how to get one. */
export interface TokenVendor {
  source: Source;
  /** The request header that carries the caller's token. */
  header: string;
  /** The mutation that issues such a token. */
  login: string;
}

/** The caller's own token if sent, else the service credentials if this caller may borrow them. */
export function tokenAuthFor(scope: RequestScope, vendor: TokenVendor, hasServiceAccount: boolean): TokenAuth {
  const token = bearerValue(scope.header(vendor.header));
  if (token) return { kind: 'user', token };
  if (hasServiceAccount && scope.lendService) return { kind: 'service' };
  const hint = hasServiceAccount ? ', or an API key to use the service credentials' : '';
  return {
    kind: 'none',
    error: new UnauthenticatedError(`${vendorName(vendor.source)} needs credentials: send the ${vendor.header} header (get one with ${vendor.login})${hint}.`, {
      source: vendor.source,
    }),
  };
}

/** Accepts `Bearer x` or a bare `x`. */
export function bearerValue(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.replace(/^Bearer\s+/i, '').trim() || undefined;
}
