import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger.js';

interface Refusal {
  status: number;
  message: string;
  extensions: Record<string, unknown>;
}

/**
 * The answer to a request that fails before Apollo sees it — a body that is not JSON, too large,
 * in an encoding or charset the parser does not read — and to any other error that reaches
 * Express: GraphQL-shaped JSON (`{ errors: [{ message, extensions: { code } }] }`), never
 * Express's HTML page with its stack trace. Nothing of the body is logged or echoed: the body
 * parser's error carries the raw body (`error.body`) and its message quotes it, and a login
 * mutation's body holds a password.
 */
export function createJsonErrorHandler(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    // Too late for an answer of our own: Express closes the connection.
    if (res.headersSent) return next(error);
    const bodyError = bodyParserError(error);
    const refusal = bodyError ? describeBodyError(bodyError, maxBodyBytes) : undefined;
    if (refusal && bodyError) {
      logger.info({ path: req.path, status: refusal.status, reason: bodyError.type }, 'request body refused');
    } else {
      // Our own code failed: name, message and stack only, never the error's other properties.
      const err = error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : { type: typeof error };
      logger.error({ path: req.path, err }, 'unexpected error in the HTTP layer');
    }
    const { status, message, extensions } = refusal ?? { status: 500, message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    res.status(status).set('cache-control', 'no-store').json({ errors: [{ message, extensions }] });
  };
}

/** What `express.json` (body-parser) throws: an http-errors error with a `type` naming the failure. */
interface BodyParserError {
  type: string;
  status: number;
}

function bodyParserError(error: unknown): BodyParserError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status } = error as { type?: unknown; status?: unknown };
  return typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500 ? { type, status } : undefined;
}

function describeBodyError({ type, status }: BodyParserError, maxBodyBytes: number): Refusal {
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, message: 'The request body is not a JSON object.', extensions: { code: 'BAD_REQUEST' } };
    case 'entity.too.large':
      return {
        status: 413,
        message: `The request body is larger than ${maxBodyBytes} bytes, the limit.`,
        extensions: { code: 'BAD_REQUEST', limit: 'bodyBytes', max: maxBodyBytes },
      };
    case 'encoding.unsupported':
      return { status: 415, message: 'The request body\'s content-encoding is not supported (send it uncompressed, or gzip, deflate or br).', extensions: { code: 'BAD_REQUEST' } };
    case 'charset.unsupported':
      return { status: 415, message: 'The request body\'s charset is not supported: send UTF-8 JSON.', extensions: { code: 'BAD_REQUEST' } };
    default:
      return { status, message: 'The request body could not be read.', extensions: { code: 'BAD_REQUEST' } };
  }
}
