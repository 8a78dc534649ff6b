import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Source } from '../models.js';

/** Who is making a request, as idempotency keys and rate limits need it. Holds digests only, never a credential. */
export interface Caller {
  /** Who counts against per-caller rate limits: the API key's digest, else the client's IP address. */
  readonly rateKey: string;
  /** The `Idempotency-Key` header, when sent. */
  readonly idempotencyKeyHeader: string | undefined;
  /**
   * A digest of the credentials the request uses for a vendor: its API key (which lends the
   * service credentials) and its own credential headers for that vendor (token, acting user).
   * Idempotency keys are per caller, so one caller can never read another's result by key.
   */
  credentialDigest(source: Source): string;
}

export interface CallerOptions {
  /** The API key the request presented, already checked. */
  apiKey: string | undefined;
  /** Each vendor's credential headers (lower-case), as its registration lists them. */
  credentialHeaders: ReadonlyMap<Source, readonly string[]>;
  /** Proxies in front of the gateway whose `X-Forwarded-For` entry is trusted (0: the socket's address). */
  trustProxyHops: number;
}

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

export function createCaller(req: IncomingMessage, { apiKey, credentialHeaders, trustProxyHops }: CallerOptions): Caller {
  const apiKeyDigest = apiKey === undefined ? undefined : sha256(apiKey);
  return {
    rateKey: apiKeyDigest ? `key:${apiKeyDigest}` : `ip:${clientIp(req, trustProxyHops)}`,
    idempotencyKeyHeader: header(req, IDEMPOTENCY_KEY_HEADER),
    credentialDigest(source) {
      const own = (credentialHeaders.get(source) ?? []).map((name) => [name, header(req, name) ?? null]);
      return sha256(JSON.stringify([source, apiKeyDigest ?? null, own]));
    },
  };
}

/**
 * The client's address: the socket's, or with `hops` trusted proxies in front, the
 * `X-Forwarded-For` entry the outermost trusted proxy appended. Entries further left are
 * whatever the client claimed and are never trusted.
 */
export function clientIp(req: IncomingMessage, hops: number): string {
  const socketAddress = normalizeIp(req.socket?.remoteAddress ?? 'unknown');
  if (hops === 0) return socketAddress;
  const forwarded = (header(req, 'x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, socketAddress];
  return normalizeIp(chain[Math.max(0, chain.length - 1 - hops)]!);
}

function normalizeIp(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() || undefined;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
