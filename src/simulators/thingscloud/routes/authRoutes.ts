import type { Router } from 'express';
import { z } from 'zod';
import type { ThingsCloudContext } from '../simulatorContext.js';
import { sendFailure, sendInfo, ThingsCloudErrcode } from '../envelope.js';
import { validateBody } from '../validateBody.js';

const accessTokenBody = z.object({ app_id: z.string().min(1), access_key: z.string().min(1), secret_key: z.string().min(1) });
const adminLoginBody = z.object({ app_id: z.string().min(1), account: z.string().min(1), password: z.string().min(1) });

/** `POST /api/v1/access_token` (server side, 1 day) and `POST /api/v1/admin_login` (browser side, 7 days). */
export function registerAuthRoutes(router: Router, ctx: ThingsCloudContext): void {
  router.post('/api/v1/access_token', ...ctx.open, (req, res) => {
    const body = validateBody(res, accessTokenBody, req.body);
    if (!body) return;
    const { appId, accessKey, secretKey } = ctx.credentials;
    if (body.app_id !== appId || body.access_key !== accessKey || body.secret_key !== secretKey) {
      return sendFailure(res, ThingsCloudErrcode.unauthorized, 'app_id, access_key or secret_key is incorrect');
    }
    const ttl = ctx.limits.appTokenTtlMs;
    sendInfo(res, { access_token: ctx.tokens.issue('app', null, ttl), expires_in: Math.floor(ttl / 1000) });
  });

  router.post('/api/v1/admin_login', ...ctx.open, (req, res) => {
    const body = validateBody(res, adminLoginBody, req.body);
    if (!body) return;
    const admin = ctx.state.admins.find((a) => a.account === body.account && a.password === body.password);
    if (body.app_id !== ctx.credentials.appId || admin === undefined) {
      return sendFailure(res, ThingsCloudErrcode.unauthorized, 'app_id, account or password is incorrect');
    }
    // The doc's response has no expires_in for this token.
    sendInfo(res, { access_token: ctx.tokens.issue('admin', admin.id, ctx.limits.adminTokenTtlMs) });
  });
}
