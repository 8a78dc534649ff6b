import { z } from 'zod';
import type { VendorModule } from '../shared/VendorModule.js';
import { allOrNone, baseUrlVar, credentialsWithoutBaseUrl, readEnv } from '../shared/readEnv.js';
import { tokenAuthFor, type TokenVendor } from '../shared/TokenAuth.js';
import { DreamreflexClient, type DreamreflexServiceAccount } from './client.js';
import { DreamreflexSource } from './DreamreflexSource.js';

export interface DreamreflexConfig {
  /** Origin under which the documented paths live (`…/api/auth/login`). */
  baseUrl: string;
  /** Service account, lent to callers with an API key (or to everyone in demo mode). */
  service?: DreamreflexServiceAccount;
}

const variables = z.object({ DREAMREFLEX_BASE_URL: baseUrlVar.optional() });

const callerToken: TokenVendor = { source: 'DREAMREFLEX', header: 'x-dreamreflex-token', login: 'dreamreflexLogin' };

/** Dreamreflex CSA: tickets, business accounts, contracts and projects. */
export const dreamreflexVendor = {
  name: 'dreamreflex',
  source: 'DREAMREFLEX',
  baseUrlVariable: 'DREAMREFLEX_BASE_URL',
  variables: ['DREAMREFLEX_BASE_URL', 'DREAMREFLEX_EMAIL', 'DREAMREFLEX_PASSWORD'],
  configure(env) {
    const { DREAMREFLEX_BASE_URL: baseUrl } = readEnv(variables, env);
    const account = allOrNone(env, ['DREAMREFLEX_EMAIL', 'DREAMREFLEX_PASSWORD'] as const);
    if (!baseUrl) {
      if (account) throw credentialsWithoutBaseUrl('DREAMREFLEX_EMAIL/DREAMREFLEX_PASSWORD', 'DREAMREFLEX_BASE_URL');
      return undefined;
    }
    return { baseUrl, ...(account && { service: { email: account.DREAMREFLEX_EMAIL, password: account.DREAMREFLEX_PASSWORD } }) };
  },
  hasServiceCredentials: (config) => config.service !== undefined,
  credentialHeaders: { [callerToken.header]: 'A Dreamreflex access token (from dreamreflexLogin); wins over the service account.' },
  createClient: (config, { http, tokens }) =>
    new DreamreflexClient(http, config.service, Date.now, config.service && tokens?.slot('dreamreflex', [config.baseUrl, config.service.email, config.service.password])),
  createSource: (client, scope) => new DreamreflexSource(client, tokenAuthFor(scope, callerToken, client.hasServiceAccount), scope.limit, scope.observeBatch),
  idTypes: {
    DreamreflexTicket: (source, id) => source.ticket(id),
    Contract: (source, id) => source.contract(id),
    Project: (source, id) => source.project(id),
    BusinessAccount: (source, id) => source.businessAccount(id),
    // Reached through their parent: Dreamreflex has no endpoint that reads one alone.
    ProjectFile: null,
    ProjectLink: null,
    ProjectTask: null,
    DreamreflexUser: null,
    ContactSubmission: null,
  },
  ticketFeed: (source) => source.ticketFeed(),
  demo: async () => (await import('./demo.js')).dreamreflexDemo,
} satisfies VendorModule<'dreamreflex', DreamreflexConfig, DreamreflexClient, DreamreflexSource>;
