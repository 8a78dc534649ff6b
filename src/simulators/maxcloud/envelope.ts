import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import type { Clock } from '../kit/index.js';

/**
 * Every answer is the envelope `{status, err_code, request_id, message, data, time}`. The doc
 * shows only successes and no error table, so the failure codes below are the simulator's
 * choice. The rule for HTTP statuses: a refusal by a handler (wrong password, a company that
 * is not yours, bad parameters, a query syntax error) is HTTP 200 with the failure in
 * `status`/`err_code` (FACTS: "check status/err_code, not only HTTP"); what happens before any
 * handler runs (the token check, an unknown route) and a crash carry the HTTP status too.
 * A token failure is HTTP 401 because an authentication middleware aborts with it, and a
 * client seeing 401 knows to log in again without reading the body.
 */
export const MaxCloudErrCode = {
  ok: 0,
  /** Unknown e-mail or wrong password (one answer for both). HTTP 200, status 400, "用户名或密码错误". */
  wrongCredentials: 10002,
  /** Unparsable JSON, a missing or mistyped parameter, a query syntax error. HTTP 200, status 400. */
  badRequest: 10400,
  /** `authorization` missing, unknown, `Bearer`-prefixed or expired. HTTP 401, status 401. */
  unauthorized: 10401,
  /** `company/switch` to a company the user is not a member of (or that does not exist). HTTP 200, status 403. */
  forbidden: 10403,
  /** No such route (or method). HTTP 404, status 404. */
  notFound: 10404,
  /** Anything unexpected. HTTP 500, status 500. */
  internal: 10500,
} as const;

export type MaxCloudErrCodeValue = (typeof MaxCloudErrCode)[keyof typeof MaxCloudErrCode];

const statusOf: Record<Exclude<MaxCloudErrCodeValue, 0>, { status: number; http: number }> = {
  [MaxCloudErrCode.wrongCredentials]: { status: 400, http: 200 },
  [MaxCloudErrCode.badRequest]: { status: 400, http: 200 },
  [MaxCloudErrCode.unauthorized]: { status: 401, http: 401 },
  [MaxCloudErrCode.forbidden]: { status: 403, http: 200 },
  [MaxCloudErrCode.notFound]: { status: 404, http: 404 },
  [MaxCloudErrCode.internal]: { status: 500, http: 500 },
};

/** A failure a route raises; `sendFailure` renders it. */
export class MaxCloudError extends Error {
  readonly status: number;
  readonly httpStatus: number;

  constructor(readonly errCode: Exclude<MaxCloudErrCodeValue, 0>, message: string) {
    super(message);
    this.name = 'MaxCloudError';
    this.status = statusOf[errCode].status;
    this.httpStatus = statusOf[errCode].http;
  }
}

export const TOKEN_INVALID_MESSAGE = 'token invalid or expired';
export const WRONG_CREDENTIALS_MESSAGE = '用户名或密码错误';

export const badRequest = (message: string) => new MaxCloudError(MaxCloudErrCode.badRequest, message);

/** 32 lowercase hex characters, as in the doc's examples. */
function requestId(): string {
  return randomBytes(16).toString('hex');
}

/** `time` is epoch seconds on the simulator clock. */
function envelope(clock: Clock, status: number, errCode: number, message: string, data: unknown) {
  return { status, err_code: errCode, request_id: requestId(), message, data, time: Math.floor(clock.now() / 1000) };
}

export function sendData(res: Response, clock: Clock, data: unknown): void {
  res.status(200).json(envelope(clock, 200, MaxCloudErrCode.ok, 'success', data));
}

export function sendFailure(res: Response, clock: Clock, err: MaxCloudError): void {
  res.status(err.httpStatus).json(envelope(clock, err.status, err.errCode, err.message, null));
}
