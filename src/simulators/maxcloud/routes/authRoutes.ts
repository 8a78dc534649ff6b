import type { Router } from 'express';
import { MaxCloudError, MaxCloudErrCode, sendData, WRONG_CREDENTIALS_MESSAGE } from '../envelope.js';
import { grantOf, type MaxCloudContext } from '../MaxCloudContext.js';
import type { MaxCloudCompany, MaxCloudUser } from '../MaxCloudRecords.js';
import { readLogin, readSwitch } from '../requestBodies.js';

function companiesOf(ctx: MaxCloudContext, user: MaxCloudUser): MaxCloudCompany[] {
  return user.company_ids.flatMap((id) => ctx.store.company(id) ?? []);
}

function companyOf(ctx: MaxCloudContext, id: number): MaxCloudCompany {
  const company = ctx.store.company(id);
  if (!company) throw new Error(`maxcloud: company ${id} is referenced but missing`);
  return company;
}

/** `POST /api/login` and `POST /api/company/switch`. */
export function registerAuthRoutes(router: Router, ctx: MaxCloudContext): void {
  /** A login token is scoped to the user's default company. */
  router.post('/api/login', ...ctx.open, (req, res) => {
    const input = readLogin(req.body);
    const user = ctx.store.userByEmail(input.email);
    // One answer for an unknown e-mail and a wrong password, so accounts cannot be probed.
    if (!user || user.password !== input.password) throw new MaxCloudError(MaxCloudErrCode.wrongCredentials, WRONG_CREDENTIALS_MESSAGE);
    sendData(res, ctx.clock, {
      id: user.id,
      group_admin: user.group_admin,
      admin: user.admin,
      change_password: user.change_password,
      token: ctx.tokens.issue(user.id, user.default_company_id),
      email: user.email,
      company: companyOf(ctx, user.default_company_id),
      all_company: companiesOf(ctx, user),
    });
  });

  /** A new token scoped to the requested company; the caller's token stays valid for its own company. */
  router.post('/api/company/switch', ...ctx.authed, (req, res) => {
    const { company_id: companyId } = readSwitch(req.body);
    const user = ctx.store.userById(grantOf(res).userId);
    if (!user) throw new Error('maxcloud: a token names a user that does not exist');
    // A company that does not exist is answered like one the user is not in.
    if (!user.company_ids.includes(companyId)) throw new MaxCloudError(MaxCloudErrCode.forbidden, `no permission for company ${companyId}`);
    sendData(res, ctx.clock, {
      token: ctx.tokens.issue(user.id, companyId),
      email: user.email,
      company: companyOf(ctx, companyId),
      all_company: companiesOf(ctx, user),
    });
  });
}
