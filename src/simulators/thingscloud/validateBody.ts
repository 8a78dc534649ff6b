import type { Response } from 'express';
import type { z } from 'zod';
import { sendFailure, ThingsCloudErrcode } from './envelope.js';

/**
 * Parses a request body with a zod schema; on failure answers the vendor's
 * `result:false` shape (errcode 400, one entry per field in `errors`) and returns undefined.
 */
export function validateBody<S extends z.ZodType>(res: Response, schema: S, body: unknown): z.infer<S> | undefined {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }));
  sendFailure(res, ThingsCloudErrcode.badRequest, `Invalid parameter: ${errors.map((e) => e.field).join(', ')}`, errors);
  return undefined;
}
