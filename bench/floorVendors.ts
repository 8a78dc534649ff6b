/**
 * The raw floor's vendor access: one keep-alive agent, one `call` per vendor that adds that
 * vendor's credentials, and each vendor's token acquired once per process and shared. Nothing
 * is validated or mapped here; each floor (bench/floors/) reads only the fields it answers with.
 * The credentials are the gateway's own environment variables, so floor and gateway act as the
 * same caller.
 */
import http from 'node:http';
import { assertLoopback } from './common.js';

export type Env = Record<string, string>;

export interface CallOptions {
  query?: Record<string, string | number>;
  body?: unknown;
}

/** One vendor call: the parsed JSON body of a 2xx answer; anything else rejects. */
export type Call = <T>(method: 'GET' | 'POST', path: string, options?: CallOptions) => Promise<T>;

export interface FloorVendors {
  thingscloud: Call;
  lexiang: Call;
  dreamreflex: Call;
  zammad: Call;
  maxcloud: Call;
  /** Closes the keep-alive sockets. */
  close(): void;
}

/** The routes that acquire a token, left out of every call count (as the gateway caches tokens across requests). */
export const TOKEN_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/v1/access_token',
  'POST /cgi-bin/token',
  'POST /api/auth/login',
  'POST /api/auth/token',
  'POST /api/login',
  'POST /api/company/switch',
]);

interface Answer {
  status: number;
  body: unknown;
}

function send(agent: http.Agent, base: string, method: string, path: string, headers: Record<string, string>, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const allHeaders: Record<string, string> = { accept: 'application/json', ...headers };
  if (payload !== undefined) allHeaders['content-type'] ??= 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: allHeaders, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: text === '' ? null : JSON.parse(text) });
        } catch (error) {
          reject(new Error(`${method} ${url.pathname}: unparseable answer (${(error as Error).message})`));
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

function ok<T>(method: string, path: string, answer: Answer): T {
  if (answer.status < 200 || answer.status >= 300) throw new Error(`${method} ${path}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer.body as T;
}

/** A token promise kept until it fails. */
function once(acquire: () => Promise<string>): () => Promise<string> {
  let token: Promise<string> | null = null;
  return () =>
    (token ??= acquire().catch((error: unknown) => {
      token = null;
      throw error;
    }));
}

export function createFloorVendors(env: Env): FloorVendors {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const base = (name: string) => {
    const url = env[name];
    if (!url) throw new Error(`${name} is not set`);
    assertLoopback(`${url}/`);
    return url;
  };
  const withToken = (origin: string, token: () => Promise<string>, header: (t: string) => Record<string, string>): Call =>
    async <T>(method: 'GET' | 'POST', path: string, options?: CallOptions) => ok<T>(method, path, await send(agent, origin, method, path, header(await token()), options));

  const thingscloudUrl = base('THINGSCLOUD_BASE_URL');
  const thingscloudToken = once(async () => {
    const body = ok<{ result: boolean; info: { access_token: string } }>('POST', 'access_token', await send(agent, thingscloudUrl, 'POST', '/api/v1/access_token', {}, {
      body: { app_id: env.THINGSCLOUD_APP_ID, access_key: env.THINGSCLOUD_ACCESS_KEY, secret_key: env.THINGSCLOUD_SECRET_KEY },
    }));
    if (!body.result) throw new Error('ThingsCloud refused the token request');
    return body.info.access_token;
  });

  const lexiangUrl = base('LEXIANG_BASE_URL');
  const lexiangToken = once(async () => {
    const body = ok<{ access_token: string }>('POST', 'token', await send(agent, lexiangUrl, 'POST', '/cgi-bin/token', {}, {
      body: { grant_type: 'client_credentials', app_key: env.LEXIANG_APP_KEY, app_secret: env.LEXIANG_APP_SECRET },
    }));
    return body.access_token;
  });

  const dreamreflexUrl = base('DREAMREFLEX_BASE_URL');
  const dreamreflexToken = once(async () => {
    const body = ok<{ access_token: string }>('POST', 'login', await send(agent, dreamreflexUrl, 'POST', '/api/auth/login', {}, {
      body: { email: env.DREAMREFLEX_EMAIL, password: env.DREAMREFLEX_PASSWORD },
    }));
    return body.access_token;
  });

  const maxcloudUrl = base('MAXCLOUD_BASE_URL');
  const maxcloudToken = once(async () => {
    type Session = { status: number; data: { token: string; company: { id: number } } };
    const login = ok<Session>('POST', 'login', await send(agent, maxcloudUrl, 'POST', '/api/login', {}, { body: { email: env.MAXCLOUD_USERNAME, password: env.MAXCLOUD_PASSWORD } }));
    const companyId = Number(env.MAXCLOUD_COMPANY_ID);
    if (!env.MAXCLOUD_COMPANY_ID || login.data.company.id === companyId) return login.data.token;
    const switched = ok<Session>('POST', 'switch', await send(agent, maxcloudUrl, 'POST', '/api/company/switch', { authorization: login.data.token }, { body: { company_id: companyId } }));
    return switched.data.token;
  });

  const zammadUrl = base('ZAMMAD_BASE_URL');
  return {
    thingscloud: withToken(thingscloudUrl, thingscloudToken, (t) => ({ authorization: `Bearer ${t}` })),
    lexiang: withToken(lexiangUrl, lexiangToken, (t) => ({ authorization: `Bearer ${t}` })),
    dreamreflex: withToken(dreamreflexUrl, dreamreflexToken, (t) => ({ authorization: `Bearer ${t}` })),
    // MaxCloud takes its token raw, without `Bearer`.
    maxcloud: withToken(maxcloudUrl, maxcloudToken, (t) => ({ authorization: t })),
    zammad: withToken(zammadUrl, async () => env.ZAMMAD_TOKEN ?? '', (t) => ({ authorization: `Token token=${t}` })),
    close: () => agent.destroy(),
  };
}
