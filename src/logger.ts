import { pino, type DestinationStream, type Logger } from 'pino';
import { currentRequestTrace } from './observability/requestTrace.js';
import { vendors } from './vendors/index.js';

/**
 * The process logger. Credentials must never be logged; these paths are redacted in case a
 * header or body object is ever passed to a log call by mistake.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
    level,
    base: { service: 'tessera' },
    // Every line written while a GraphQL request is handled names it, from whichever logger (vendor calls, token stores, write guards).
    mixin: () => {
      const trace = currentRequestTrace();
      return trace ? { requestId: trace.requestId } : {};
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        // Every vendor's per-request credential headers, as their registrations name them.
        ...vendors.flatMap((vendor) => Object.keys(vendor.credentialHeaders).map((name) => `req.headers["${name}"]`)),
        'headers.authorization',
        '*.password',
        '*.appSecret',
        '*.app_secret',
        '*.accessToken',
        '*.access_token',
        '*.token',
      ],
      censor: '[redacted]',
    },
  },
    destination,
  );
}

export type { Logger };
