import type { Request, RequestHandler } from 'express';
import type { Clock } from '../kit/index.js';
import type { TokenGrant, TokenStore } from './tokenStore.js';
import type { DeviceMessage, ThingsCloudCredentials, ThingsCloudState } from './types.js';

/** Limits the doc states (and FACTS says official tools exceed): configurable per simulator. */
export interface ThingsCloudLimits {
  /** Attribute series `page_records` maximum; the doc says 1–100, official tools send up to 500. */
  seriesMaxPageRecords: number;
  /** Longest `start_time`..`end_time` window of one series call: 30 days. */
  seriesMaxWindowMs: number;
  /** `page_records` maximum of the paged lists (devices, alarm logs); not documented, 100 like the series. */
  listMaxPageRecords: number;
  /** Lifetime of an `access_token` token: 1 day. */
  appTokenTtlMs: number;
  /** Lifetime of an `admin_login` token: 7 days. */
  adminTokenTtlMs: number;
}

export const defaultThingsCloudLimits: Readonly<ThingsCloudLimits> = Object.freeze({
  seriesMaxPageRecords: 100,
  seriesMaxWindowMs: 30 * 86_400_000,
  listMaxPageRecords: 100,
  appTokenTtlMs: 86_400_000,
  adminTokenTtlMs: 7 * 86_400_000,
});

/** Everything route handlers share; created once per simulator instance. */
export interface ThingsCloudContext {
  readonly state: ThingsCloudState;
  readonly clock: Clock;
  readonly credentials: ThingsCloudCredentials;
  readonly limits: ThingsCloudLimits;
  readonly tokens: TokenStore;
  /** Middleware for the token endpoints: JSON body, throttle. */
  readonly open: RequestHandler[];
  /** Middleware for every other endpoint: JSON body, throttle, `Authorization: Bearer <AccessToken>`. */
  readonly authed: RequestHandler[];
  /** Records what a device received and tells the `onDeviceMessage` listener. */
  deliver(message: DeviceMessage): void;
  /** A fresh id for a record created through the API. */
  newId(kind: string): string;
}

/** The grant `authed` attached to the request. */
export function grantOf(req: Request): TokenGrant {
  return (req as Request & { thingsCloudGrant: TokenGrant }).thingsCloudGrant;
}

export function setGrant(req: Request, grant: TokenGrant): void {
  (req as Request & { thingsCloudGrant?: TokenGrant }).thingsCloudGrant = grant;
}
