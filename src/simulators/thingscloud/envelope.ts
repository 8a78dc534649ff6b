import type { Response } from 'express';

/**
 * The vendor's response envelope. Success is `{result:true, info}`; a refused request is
 * still HTTP 200 with `{result:false, errcode, message, errors}`; only an unknown route
 * and an unparseable JSON body answer 404 (both documented). The doc gives no errcode
 * table, so the simulator uses HTTP-like numbers (FACTS: table unconfirmed).
 */
export const ThingsCloudErrcode = {
  /** Invalid parameter or body (also the errcode of the documented "Invalid JSON message"). */
  badRequest: 400,
  /** Missing, unknown or expired AccessToken; also wrong app credentials / customer password. */
  unauthorized: 401,
  /** Operation needs an admin-login token (`GET /api/v1/admin`). */
  forbidden: 403,
  /** The device / device type / customer / group named in the request does not exist. */
  notFound: 404,
  /** device_key or customer account already taken. */
  conflict: 409,
  /** Throttled (only when the simulator is started with a rate limit). */
  tooManyRequests: 429,
  internal: 500,
} as const;

export type FieldError = { field: string; message: string };

export function sendInfo(res: Response, info: unknown): void {
  res.status(200).json({ result: true, info });
}

export function sendFailure(res: Response, errcode: number, message: string, errors: FieldError[] = [], status = 200): void {
  res.status(status).json({ result: false, errcode, message, errors });
}

/** Documented: HTTP 404 `{"message":"Request invalid"}` for a path the API does not have. */
export function sendUnknownRoute(res: Response): void {
  res.status(404).json({ message: 'Request invalid' });
}

/** Documented: HTTP 404 with `errcode: 400` when the request body is not valid JSON. */
export function sendInvalidJson(res: Response): void {
  res.status(404).json({ result: false, message: 'Invalid JSON message', errcode: 400 });
}
