import express, { type Router } from 'express';
import { lexiangDemoCredentials } from './seed.js';
import { TOKEN_CALLS_PER_WINDOW, type TokenIssuer } from './tokenIssuer.js';
import type { FieldErrors } from './teamInput.js';

/** `POST /cgi-bin/token`: client-credentials grant, throttled to 20 calls per 10 minutes. */
export function createTokenRouter(issuer: TokenIssuer): Router {
  const router = express.Router();

  router.post(
    '/cgi-bin/token',
    // Throttling comes first so that every call counts, even one with a body that fails to parse.
    (_req, res, next) => {
      const admission = issuer.admit();
      res.set('X-RateLimit-Limit', String(TOKEN_CALLS_PER_WINDOW));
      if (admission.allowed) {
        res.set('X-RateLimit-Remaining', String(admission.remaining));
        return next();
      }
      res.set({ 'X-RateLimit-Remaining': '0', 'Retry-After': String(admission.retryAfterSeconds) });
      res.status(429).json({ errors: { detail: '请求过于频繁,获取 access_token 每 10 分钟最多 20 次' } });
    },
    express.json(),
    express.urlencoded({ extended: false }),
    (req, res) => {
      const body: Record<string, unknown> = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
      const { grant_type: grantType, app_key: appKey, app_secret: appSecret } = body;

      const errors: FieldErrors = {};
      if (grantType !== 'client_credentials') errors.grant_type = ['grant_type 必须是 client_credentials。'];
      if (typeof appKey !== 'string' || appKey === '') errors.app_key = ['app_key 不能为空。'];
      else if (appKey !== lexiangDemoCredentials.appKey) errors.app_key = ['app_key 不存在。'];
      if (typeof appSecret !== 'string' || appSecret === '') errors.app_secret = ['app_secret 不能为空。'];
      if (Object.keys(errors).length > 0) return void res.status(400).json({ errors });

      if (appSecret !== lexiangDemoCredentials.appSecret) {
        return void res.status(401).json({ errors: { detail: 'app_secret 不正确' } });
      }
      const { accessToken, expiresIn } = issuer.issue();
      res.status(200).json({ token_type: 'Bearer', expires_in: expiresIn, access_token: accessToken });
    },
  );

  return router;
}
