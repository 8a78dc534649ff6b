import { z } from 'zod';
import { ConfigError } from '../../ConfigError.js';
import { UnauthenticatedError } from '../../errors.js';
import type { VendorModule } from '../shared/VendorModule.js';
import { allOrNone, baseUrlVar, credentialsWithoutBaseUrl, readEnv } from '../shared/readEnv.js';
import { createSharedTokenCallBudget } from '../shared/TokenCallBudget.js';
import { LEXIANG_TOKEN_CALL_LIMIT, LexiangClient, type LexiangAppCredentials, type LexiangAuth } from './client.js';
import { LexiangSource } from './LexiangSource.js';

export interface LexiangConfig {
  /** Origin under which `/cgi-bin/token` and `/cgi-bin/v1/…` live (`https://lxapi.lexiangla.com`). */
  baseUrl: string;
  /**
   * The app's credentials. Lexiang has no per-user tokens: every call uses these, so they are
   * lent under the same rule as other service credentials (API key holders, or demo mode).
   */
  service: LexiangAppCredentials;
  /** The staff member writes act as when a request sends no `x-lexiang-staff-id`. */
  staffId?: string;
}

const variables = z.object({
  LEXIANG_BASE_URL: baseUrlVar.optional(),
  LEXIANG_STAFF_ID: z.string().trim().min(1).max(64).optional(),
});

const STAFF_HEADER = 'x-lexiang-staff-id';

/** Tencent Lexiang (乐享): K吧 teams. */
export const lexiangVendor = {
  name: 'lexiang',
  source: 'LEXIANG',
  baseUrlVariable: 'LEXIANG_BASE_URL',
  variables: ['LEXIANG_BASE_URL', 'LEXIANG_APP_KEY', 'LEXIANG_APP_SECRET', 'LEXIANG_STAFF_ID'],
  configure(env) {
    const { LEXIANG_BASE_URL: baseUrl, LEXIANG_STAFF_ID: staffId } = readEnv(variables, env);
    const app = allOrNone(env, ['LEXIANG_APP_KEY', 'LEXIANG_APP_SECRET'] as const);
    if (!baseUrl) {
      if (app) throw credentialsWithoutBaseUrl('LEXIANG_APP_KEY/LEXIANG_APP_SECRET', 'LEXIANG_BASE_URL');
      return undefined;
    }
    // Lexiang has no per-user credentials: without the app's, every Lexiang field would fail.
    if (!app) throw new ConfigError('Invalid configuration: set LEXIANG_BASE_URL together with LEXIANG_APP_KEY and LEXIANG_APP_SECRET, or none of them');
    return { baseUrl, service: { appKey: app.LEXIANG_APP_KEY, appSecret: app.LEXIANG_APP_SECRET }, ...(staffId && { staffId }) };
  },
  hasServiceCredentials: () => true,
  credentialHeaders: { [STAFF_HEADER]: 'The Lexiang staff member (userid) this request acts as; sent to Lexiang as x-staff-id.' },
  createClient(config, { http, tokens }) {
    const credentials = [config.baseUrl, config.service.appKey, config.service.appSecret];
    const sharing = tokens && {
      token: tokens.slot('lexiang', credentials),
      budget: createSharedTokenCallBudget(tokens, tokens.keyFor('lexiang', credentials), LEXIANG_TOKEN_CALL_LIMIT),
    };
    return new LexiangClient(http, config.service, config.staffId, Date.now, sharing);
  },
  createSource(client, scope) {
    const staffId = scope.header(STAFF_HEADER) ?? client.defaultStaffId;
    // Lexiang knows only the app's credentials, so a caller may use Lexiang exactly when they may borrow service credentials.
    const auth: LexiangAuth = scope.lendService
      ? { kind: 'service', staffId }
      : {
          kind: 'none',
          staffId,
          error: new UnauthenticatedError('Lexiang is reached through the gateway’s app credentials: send an API key (x-api-key, or authorization: Bearer).', {
            source: 'LEXIANG',
          }),
        };
    return new LexiangSource(client, auth, scope.limit, scope.observeBatch);
  },
  idTypes: { Team: (source, id) => source.team(id) },
  demo: async () => (await import('./demo.js')).lexiangDemo,
} satisfies VendorModule<'lexiang', LexiangConfig, LexiangClient, LexiangSource>;
