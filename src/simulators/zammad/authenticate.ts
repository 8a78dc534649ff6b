import type { RequestHandler } from 'express';
import { permits } from './permissions.js';
import { setActor, type Actor } from './ZammadContext.js';
import { ZammadError } from './ZammadError.js';
import type { UserRecord } from './ZammadRecords.js';
import type { ZammadStore } from './ZammadStore.js';

/** Auth::Error::AuthenticationFailed::MESSAGE: what an inactive account gets. */
const AUTHENTICATION_FAILED = 'Login failed. Have you double-checked your credentials and completed the email verification step?';

function settingOn(store: ZammadStore, name: string): boolean {
  return store.setting(name)?.value !== false;
}

/**
 * Rails' token parsing: `Token token="abc"`, `Token token=abc`, `Token abc` and `Bearer abc` all
 * carry the token `abc` (Rails prefixes a bare first parameter with `token=`).
 */
function tokenOf(header: string): string {
  const params = header.replace(/^(Token|Bearer)\s+/i, '').split(/\s*(?:,|;|\t)\s*/).filter((p) => p !== '');
  const first = params[0] ?? '';
  const value = first.startsWith('token=') ? first.slice('token='.length) : first;
  return value.replace(/^"|"$/g, '');
}

function basicAuth(store: ZammadStore, encoded: string): UserRecord {
  if (!settingOn(store, 'api_password_access')) throw new ZammadError('forbidden', 'API password access disabled!');
  const decoded = Buffer.from(encoded.trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const username = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  const user = store.userByLoginOrEmail(username);
  // Zammad's Auth treats a wrong password and an inactive account alike.
  if (!user || !user.active || user.password === '' || user.password !== password) {
    throw new ZammadError('unauthorized', 'Invalid BasicAuth credentials');
  }
  return user;
}

/**
 * Rails hands `Bearer` headers to the token check too: so switching token access off also
 * refuses OAuth2 bearers (403), and a personal access token works after `Bearer`.
 */
function tokenAuth(store: ZammadStore, header: string): UserRecord {
  if (!settingOn(store, 'api_token_access')) throw new ZammadError('forbidden', 'API token access disabled!');
  const token = tokenOf(header);
  const apiUserId = store.apiTokens.get(token);
  const bearer = /^Bearer\s+/i.test(header);
  const userId = apiUserId ?? (bearer ? store.oauthTokens.get(token) : undefined);
  if (userId === undefined) {
    throw new ZammadError('unauthorized', bearer ? 'The provided token is invalid.' : "Can't find User for Token");
  }
  const user = store.user(userId);
  if (!user || !user.active) throw new ZammadError('unauthorized', AUTHENTICATION_FAILED);
  return user;
}

/** `From` (or the deprecated `X-On-Behalf-Of`; `From` wins): user id, login or e-mail. */
function onBehalfOf(store: ZammadStore, realUser: UserRecord, header: string): UserRecord {
  if (!permits(store, realUser, 'admin.user')) {
    throw new ZammadError('forbidden', "Current user has no permission to use 'From'/'X-On-Behalf-Of'!");
  }
  const identifier = header.trim().toLowerCase();
  // Zammad looks numbers up as ids first, then as login or e-mail.
  const byId = /^\d+$/.test(identifier) ? store.user(Number(identifier)) : undefined;
  const user = byId ?? store.userByLoginOrEmail(identifier);
  if (!user) throw new ZammadError('forbidden', `No such user '${header}'`);
  return user;
}

/**
 * Zammad's `authentication_check`: Basic, then token (`Token`/`Bearer`), then OAuth2. No
 * credentials at all is a 403 "Authentication required"; wrong ones are 401s.
 */
export function createAuthenticator(store: ZammadStore): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    let realUser: UserRecord;
    let authType: Actor['authType'];
    const basic = /^Basic\s+(.*)$/i.exec(header);
    if (basic) {
      realUser = basicAuth(store, basic[1] ?? '');
      authType = 'basic_auth';
    } else if (/^(Token|Bearer)\s+\S/i.test(header)) {
      realUser = tokenAuth(store, header);
      authType = 'token_auth';
    } else {
      throw new ZammadError('forbidden', 'Authentication required');
    }
    const from = req.get('from') || req.get('x-on-behalf-of');
    const user = from ? onBehalfOf(store, realUser, from) : realUser;
    setActor(res, { user, realUser, authType });
    next();
  };
}
