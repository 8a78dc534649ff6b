import { z } from 'zod';
import { ConfigError } from '../../ConfigError.js';
import { BadUserInputError, UnauthenticatedError, type TesseraError } from '../../errors.js';
import type { RequestScope, VendorModule } from '../shared/VendorModule.js';
import { allOrNone, baseUrlVar, credentialsWithoutBaseUrl, readEnv } from '../shared/readEnv.js';
import { bearerValue } from '../shared/TokenAuth.js';
import { envelopeOf, MaxCloudClient, serviceTokenMaterial, type MaxCloudAuth, type MaxCloudServiceAccount } from './client.js';
import { MAXCLOUD_COMPANY_HEADER, MAXCLOUD_TOKEN_HEADER, MaxCloudSource } from './MaxCloudSource.js';
import { isTimeZone } from './zonedTime.js';

export interface MaxCloudConfig {
  /** The API's origin (`https://maxcloud-api.spotmaxtech.com`), under which `/api/login` lives. */
  baseUrl: string;
  /** The gateway's own account, lent to callers with an API key (or to everyone in demo mode). */
  service?: MaxCloudServiceAccount;
  /** The IANA zone MaxCloud's zone-less times are written in. */
  timeZone: string;
  /** The largest `page_size` Tessera asks for. */
  pageSize: number;
}

/** A MaxCloud company ID: digits, without leading zeros (so `02` and `2` are one company). */
const COMPANY_ID = /^\d{1,15}$/;
const companyId = (value: string) => String(Number(value));

const variables = z.object({
  MAXCLOUD_BASE_URL: baseUrlVar.optional(),
  MAXCLOUD_COMPANY_ID: z.string().regex(COMPANY_ID, 'must be a MaxCloud company ID (digits)').transform(companyId).optional(),
  // FACTS: the service is operated in China (UTC+8) and writes times without a zone.
  MAXCLOUD_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  // FACTS: the page_size maximum is unconfirmed; the doc's examples ask for 1 and 30.
  MAXCLOUD_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
});

/** MaxCloud (SpotMax): tickets of the caller's company, found with the vendor's search; companies; login and company switch. */
export const maxCloudVendor = {
  name: 'maxcloud',
  source: 'MAXCLOUD',
  baseUrlVariable: 'MAXCLOUD_BASE_URL',
  variables: ['MAXCLOUD_BASE_URL', 'MAXCLOUD_USERNAME', 'MAXCLOUD_PASSWORD', 'MAXCLOUD_COMPANY_ID', 'MAXCLOUD_TIME_ZONE', 'MAXCLOUD_PAGE_SIZE'],
  configure(env) {
    const e = readEnv(variables, env);
    const account = allOrNone(env, ['MAXCLOUD_USERNAME', 'MAXCLOUD_PASSWORD'] as const);
    if (e.MAXCLOUD_COMPANY_ID !== undefined && !account) {
      throw new ConfigError('Invalid configuration: MAXCLOUD_COMPANY_ID is set but MAXCLOUD_USERNAME and MAXCLOUD_PASSWORD are not');
    }
    if (!e.MAXCLOUD_BASE_URL) {
      if (account) throw credentialsWithoutBaseUrl('MAXCLOUD_USERNAME/MAXCLOUD_PASSWORD', 'MAXCLOUD_BASE_URL');
      return undefined;
    }
    const service: MaxCloudServiceAccount | undefined = account && {
      email: account.MAXCLOUD_USERNAME.trim(),
      password: account.MAXCLOUD_PASSWORD,
      ...(e.MAXCLOUD_COMPANY_ID !== undefined && { companyId: e.MAXCLOUD_COMPANY_ID }),
    };
    return { baseUrl: e.MAXCLOUD_BASE_URL, timeZone: e.MAXCLOUD_TIME_ZONE, pageSize: e.MAXCLOUD_PAGE_SIZE, ...(service && { service }) };
  },
  hasServiceCredentials: (config) => config.service !== undefined,
  credentialHeaders: {
    [MAXCLOUD_TOKEN_HEADER]: 'Your own MaxCloud token (from maxCloudLogin), sent to MaxCloud raw as authorization; wins over the service account.',
    [MAXCLOUD_COMPANY_HEADER]: `The MaxCloud company to work in with ${MAXCLOUD_TOKEN_HEADER}: the token is switched to it once and the switched token reused.`,
  },
  createClient: (config, { http, logger, tokens }) =>
    new MaxCloudClient(http, {
      service: config.service,
      timeZone: config.timeZone,
      pageSize: config.pageSize,
      logger,
      ...(config.service && tokens && { sharedServiceToken: tokens.slot('maxcloud', serviceTokenMaterial(config.baseUrl, config.service)) }),
    }),
  failedUnder2xx: (response) => {
    try {
      envelopeOf(response);
      return false;
    } catch {
      return true;
    }
  },
  createSource: (client, scope) => new MaxCloudSource(client, maxCloudAuthFor(scope, client.hasServiceAccount), scope.limit, scope.observeBatch),
  idTypes: {
    // MaxCloud has no single-ticket endpoint: a search by `id:` (see the loader).
    MaxCloudTicket: (source, id) => source.ticket(id),
    MaxCloudCompany: (source, id) => source.company(id),
  },
  ticketFeed: (source) => source.ticketFeed(),
  demo: async () => (await import('./demo.js')).maxCloudDemo,
} satisfies VendorModule<'maxcloud', MaxCloudConfig, MaxCloudClient, MaxCloudSource>;

/**
 * The caller's own token (with the company named, if any); else the service account if this
 * caller may borrow it; else none. A company header without a token is refused rather than
 * ignored: the service account works in the company its configuration names.
 */
export function maxCloudAuthFor(scope: Pick<RequestScope, 'header' | 'lendService'>, hasServiceAccount: boolean): MaxCloudAuth {
  const none = (error: TesseraError): MaxCloudAuth => ({ kind: 'none', error });
  const token = bearerValue(scope.header(MAXCLOUD_TOKEN_HEADER));
  const company = scope.header(MAXCLOUD_COMPANY_HEADER);
  if (company !== undefined && !COMPANY_ID.test(company)) {
    return none(new BadUserInputError(`${MAXCLOUD_COMPANY_HEADER} must be a MaxCloud company ID (digits).`, { source: 'MAXCLOUD' }));
  }
  if (token) return { kind: 'caller', token, ...(company !== undefined && { companyId: companyId(company) }) };
  if (company !== undefined) {
    return none(
      new BadUserInputError(`${MAXCLOUD_COMPANY_HEADER} switches your own token: send it with ${MAXCLOUD_TOKEN_HEADER} (the service account works in its configured company).`, {
        source: 'MAXCLOUD',
      }),
    );
  }
  if (hasServiceAccount && scope.lendService) return { kind: 'service' };
  const hint = hasServiceAccount ? ', or an API key to use the service account' : '';
  return none(
    new UnauthenticatedError(
      `MaxCloud needs credentials: send the ${MAXCLOUD_TOKEN_HEADER} header (get one with maxCloudLogin), with ${MAXCLOUD_COMPANY_HEADER} to work in another company${hint}.`,
      { source: 'MAXCLOUD' },
    ),
  );
}
