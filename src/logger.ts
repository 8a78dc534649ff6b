import { pino, type DestinationStream, type Logger } from 'pino';
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
