import { pino, type DestinationStream, type Logger } from 'pino';

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
        'req.headers["x-dreamreflex-token"]',
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
