import { randomInt } from 'node:crypto';
import type { RouteHandler, RouteTable } from '../createRouteTable.js';
import { HttpError } from '../HttpError.js';
import { dreamreflexMessages as m } from '../messages.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { readFormBody, readJsonBody } from '../readBody.js';
import type { UserRecord } from '../records.js';
import { RequestCheck, normalizeEmail, type BodyRules } from '../RequestCheck.js';
import type { RouteDeps } from '../RouteDeps.js';
import { toUserJson } from '../serialize.js';

const verificationCodeLifetimeMs = 10 * 60 * 1000;

/** The register model's own validator; the doc quotes its message ("密码长度至少为8位"). */
function registerPasswordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < 8) return m.passwordTooShort;
  if (length > 128) return m.passwordTooLong;
  return null;
}

const sendCodeRules: BodyRules = { email: { kind: 'email', required: true } };
const registerRules: BodyRules = {
  email: { kind: 'email', required: true },
  password: { kind: 'string', required: true, check: registerPasswordProblem },
  verification_code: { kind: 'string', required: true, pattern: '^\\d{6}$' },
};
const loginRules: BodyRules = { email: { kind: 'email', required: true }, password: { kind: 'string', required: true } };
// FastAPI's OAuth2PasswordRequestForm: grant_type is optional but must be "password" when sent.
const tokenFormRules: BodyRules = {
  grant_type: { kind: 'string', pattern: '^password$' },
  username: { kind: 'string', required: true },
  password: { kind: 'string', required: true },
};
const profileRules: BodyRules = {
  full_name: { kind: 'string', maxLength: 64 },
  phone_number: { kind: 'string', maxLength: 32 },
  avatar_url: { kind: 'string' },
  bio: { kind: 'string', maxLength: 256 },
};
const changePasswordRules: BodyRules = {
  old_password: { kind: 'string', required: true },
  new_password: { kind: 'string', required: true, minLength: 8, maxLength: 128 },
};

export function registerAuthRoutes(routes: RouteTable, { state, tokens, clock, log, newId }: RouteDeps): void {
  const findUserByEmail = (email: string) => state.users.find((user) => user.email === normalizeEmail(email));

  async function logIn(email: string, password: string) {
    const user = findUserByEmail(email);
    if (!user || !verifyPassword(password, user.passwordHash)) throw new HttpError(401, m.wrongEmailOrPassword, { 'WWW-Authenticate': 'Bearer' });
    if (!user.is_active) throw new HttpError(403, m.accountDisabled);
    return tokens.issue(user);
  }

  routes.add('POST', '/api/auth/send-code', (req, res) => {
    const check = new RequestCheck(req);
    const body = check.body(readJsonBody(req), sendCodeRules);
    check.done();
    const email = normalizeEmail(body.email as string);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    state.verificationCodes.set(email, { code, expiresAt: clock.now() + verificationCodeLifetimeMs });
    // The vendor's development mode prints the code instead of mailing it.
    log(`[dreamreflex] verification code for ${email}: ${code}`);
    res.json({ message: m.codeSent, email });
  });

  routes.add('POST', '/api/auth/register', (req, res) => {
    const check = new RequestCheck(req);
    const body = check.body(readJsonBody(req), registerRules);
    check.done();
    const email = normalizeEmail(body.email as string);
    if (findUserByEmail(email)) throw new HttpError(400, m.emailTaken);
    const sent = state.verificationCodes.get(email);
    if (!sent || sent.code !== body.verification_code || clock.now() >= sent.expiresAt) throw new HttpError(400, m.codeInvalidOrExpired);
    state.verificationCodes.delete(email);
    const user: UserRecord = {
      id: newId(),
      email,
      passwordHash: hashPassword(body.password as string),
      role: 'user',
      is_active: true,
      created_at: clock.now(),
      updated_at: null,
      full_name: null,
      phone_number: null,
      avatar_url: null,
      bio: null,
    };
    state.users.push(user);
    res.status(201).json(toUserJson(user));
  });

  routes.add('POST', '/api/auth/login', async (req, res) => {
    const check = new RequestCheck(req);
    const body = check.body(readJsonBody(req), loginRules);
    check.done();
    res.json(await logIn(body.email as string, body.password as string));
  });

  routes.add('POST', '/api/auth/token', async (req, res) => {
    const check = new RequestCheck(req);
    const form = check.form(readFormBody(req), tokenFormRules);
    check.done();
    res.json(await logIn(form.username as string, form.password as string));
  });

  const me: RouteHandler = async (req, res) => {
    res.json(toUserJson(await tokens.authenticate(req)));
  };
  routes.add('GET', '/api/auth/me', me);
  routes.add('GET', '/api/users/me', me);

  routes.add('PATCH', '/api/users/me', async (req, res) => {
    const raw = readJsonBody(req);
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const body = check.body(raw, profileRules);
    check.done();
    const fields = Object.keys(body) as ('full_name' | 'phone_number' | 'avatar_url' | 'bio')[];
    if (fields.length === 0) throw new HttpError(400, m.noFieldsToUpdate);
    for (const field of fields) user[field] = body[field] as string | null;
    user.updated_at = clock.now();
    res.json(toUserJson(user));
  });

  routes.add('POST', '/api/users/me/change-password', async (req, res) => {
    const raw = readJsonBody(req);
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const body = check.body(raw, changePasswordRules);
    check.done();
    const oldPassword = body.old_password as string;
    const newPassword = body.new_password as string;
    if (!verifyPassword(oldPassword, user.passwordHash)) throw new HttpError(400, m.wrongCurrentPassword);
    if (oldPassword === newPassword) throw new HttpError(400, m.samePassword);
    user.passwordHash = hashPassword(newPassword);
    user.updated_at = clock.now();
    res.json({ message: m.passwordChanged });
  });
}
