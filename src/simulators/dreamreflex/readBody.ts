import type { Request } from 'express';
import { RequestValidationError } from './HttpError.js';
import { noBody, type JsonBody } from './RequestCheck.js';

function rawText(req: Request): string | undefined {
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) return body.length === 0 ? undefined : body.toString('utf8');
  return undefined;
}

/**
 * Reads a JSON body the way FastAPI does: parsed when the content type is JSON
 * (or absent), otherwise handed to validation as text; a syntax error is a 422
 * `json_invalid` at the character position of the error. FastAPI does this before
 * running any dependency, so it wins over a missing token.
 */
export function readJsonBody(req: Request): JsonBody | typeof noBody {
  const text = rawText(req);
  if (text === undefined) return noBody;
  const contentType = req.headers['content-type'];
  const isJson = contentType === undefined || /^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(contentType);
  if (!isJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new RequestValidationError([
      { type: 'json_invalid', loc: ['body', jsonErrorPosition(text, err)], msg: 'JSON decode error', input: {}, ctx: { error: 'Expecting value' } },
    ]);
  }
}

function jsonErrorPosition(text: string, err: unknown): number {
  const message = err instanceof Error ? err.message : '';
  const position = /position (\d+)/.exec(message);
  if (position?.[1] !== undefined) return Number(position[1]);
  if (/end of (JSON|data)/i.test(message)) return text.length;
  return 0;
}

/** Reads `application/x-www-form-urlencoded` fields; any other body yields no fields (FastAPI then reports them missing). */
export function readFormBody(req: Request): Record<string, string> {
  const text = rawText(req);
  const contentType = req.headers['content-type'] ?? '';
  if (text === undefined || !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)) return {};
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) fields[key] = value;
  return fields;
}
