import { z } from 'zod';
import { ConfigError } from '../../ConfigError.js';
import { UnauthenticatedError } from '../../errors.js';
import type { VendorModule } from '../shared/VendorModule.js';
import { allOrNone, baseUrlVar, credentialsWithoutBaseUrl, readEnv, textVar } from '../shared/readEnv.js';
import { ZammadClient, type ZammadAuth, type ZammadServiceCredentials } from './client.js';
import { ZammadSource } from './ZammadSource.js';

export interface ZammadConfig {
  /** The instance's origin (`https://support.example.com`); the API lives under `/api/v1`. */
  baseUrl: string;
  /** The gateway's own account, lent to callers with an API key (or to everyone in demo mode). */
  service?: ZammadServiceCredentials;
}

const variables = z.object({
  ZAMMAD_BASE_URL: baseUrlVar.optional(),
  ZAMMAD_TOKEN: textVar.optional(),
  ZAMMAD_OAUTH_TOKEN: textVar.optional(),
});

/** The caller's own `Authorization` for Zammad, passed on verbatim. */
const AUTHORIZATION_HEADER = 'x-zammad-authorization';
/** Who the request acts for; sent to Zammad as `From`. */
const ON_BEHALF_OF_HEADER = 'x-zammad-on-behalf-of';

/** Zammad: tickets with articles, tags and attachments; users, organizations, groups, states, priorities. */
export const zammadVendor = {
  name: 'zammad',
  source: 'ZAMMAD',
  baseUrlVariable: 'ZAMMAD_BASE_URL',
  variables: ['ZAMMAD_BASE_URL', 'ZAMMAD_TOKEN', 'ZAMMAD_USERNAME', 'ZAMMAD_PASSWORD', 'ZAMMAD_OAUTH_TOKEN'],
  configure(env) {
    const e = readEnv(variables, env);
    const basic = allOrNone(env, ['ZAMMAD_USERNAME', 'ZAMMAD_PASSWORD'] as const);
    const given: [string, ZammadServiceCredentials][] = [];
    if (e.ZAMMAD_TOKEN) given.push(['ZAMMAD_TOKEN', { scheme: 'token', token: e.ZAMMAD_TOKEN }]);
    if (basic) given.push(['ZAMMAD_USERNAME/ZAMMAD_PASSWORD', { scheme: 'basic', username: basic.ZAMMAD_USERNAME, password: basic.ZAMMAD_PASSWORD }]);
    if (e.ZAMMAD_OAUTH_TOKEN) given.push(['ZAMMAD_OAUTH_TOKEN', { scheme: 'oauth', token: e.ZAMMAD_OAUTH_TOKEN }]);
    if (given.length > 1) {
      throw new ConfigError(
        `Invalid configuration: set at most one of ZAMMAD_TOKEN, ZAMMAD_USERNAME/ZAMMAD_PASSWORD and ZAMMAD_OAUTH_TOKEN (${given.map(([name]) => name).join(' and ')} are set)`,
      );
    }
    const [service] = given;
    if (!e.ZAMMAD_BASE_URL) {
      if (service) throw credentialsWithoutBaseUrl(service[0], 'ZAMMAD_BASE_URL');
      return undefined;
    }
    return { baseUrl: e.ZAMMAD_BASE_URL, ...(service && { service: service[1] }) };
  },
  hasServiceCredentials: (config) => config.service !== undefined,
  credentialHeaders: {
    [AUTHORIZATION_HEADER]: 'Your own Zammad credentials, sent to Zammad as Authorization exactly as given: "Token token=…", "Basic …" or "Bearer …".',
    [ON_BEHALF_OF_HEADER]: 'A Zammad user (ID, login or e-mail) to act for, sent as From; needs admin.user permission in Zammad.',
  },
  createClient: (config, { http }) => new ZammadClient(http, config.service),
  createSource(client, scope) {
    const authorization = scope.header(AUTHORIZATION_HEADER);
    const onBehalfOf = scope.header(ON_BEHALF_OF_HEADER);
    const who = onBehalfOf === undefined ? {} : { onBehalfOf };
    let auth: ZammadAuth;
    if (authorization) auth = { kind: 'caller', authorization, ...who };
    else if (client.hasServiceCredentials && scope.lendService) auth = { kind: 'service', ...who };
    else {
      const hint = client.hasServiceCredentials ? ', or an API key to use the service credentials' : '';
      auth = {
        kind: 'none',
        error: new UnauthenticatedError(`Zammad needs credentials: send the ${AUTHORIZATION_HEADER} header ("Token token=…", "Basic …" or "Bearer …")${hint}.`, {
          source: 'ZAMMAD',
        }),
      };
    }
    return new ZammadSource(client, auth, scope.limit, scope.observeBatch);
  },
  idTypes: {
    ZammadTicket: (source, id) => source.ticket(id),
    ZammadUser: (source, id) => source.user(id),
    ZammadOrganization: (source, id) => source.organization(id),
    ZammadGroup: (source, id) => source.group(id),
    ZammadArticle: (source, id) => source.article(id),
    // Reached through its article.
    ZammadAttachment: null,
  },
  ticketFeed: (source) => source.ticketFeed(),
  demo: async () => (await import('./demo.js')).zammadDemo,
} satisfies VendorModule<'zammad', ZammadConfig, ZammadClient, ZammadSource>;
