import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import type { ZammadError } from './ZammadError.js';

export interface ErrorBody {
  error: string;
  error_human?: string;
}

/**
 * Zammad's `humanize_error`: a validation message keeps only its first failing attribute
 * (`Validation failed: Title can't be blank, Group …` → `Title can't be blank`) and that text
 * becomes both `error` and `error_human`; duplicates read "Object already exists!"; the known
 * exception classes (not found, forbidden, not authorized, unprocessable) are shown as they are.
 * Anything else is hidden from non-admins behind a one-time error id.
 */
export function errorBody(err: ZammadError, callerIsAdmin: boolean): ErrorBody {
  if (err.kind === 'rendered') return { error: err.message };
  let human: string | undefined;
  const validation = /Validation failed: (.+?)(,|$)/i.exec(err.message);
  if (validation) human = validation[1];
  else if (/(already exists|duplicate key|duplicate entry)/i.test(err.message)) human = 'Object already exists!';
  else if (err.kind !== 'internal' && err.kind !== 'statement_invalid') human = err.message;

  if (human !== undefined) return { error: human, error_human: human };
  if (!callerIsAdmin) return { error: `Error ID ${randomBytes(6).toString('base64url')}: Please contact your administrator.` };
  return { error: err.message };
}

export function sendError(res: Response, err: ZammadError, callerIsAdmin: boolean): void {
  const body = errorBody(err, callerIsAdmin);
  // Zammad repeats the reason of a 401/403 in this header.
  if (err.status === 401 || err.status === 403) res.set('X-Failure', body.error_human ?? body.error);
  res.status(err.status).json(body);
}
