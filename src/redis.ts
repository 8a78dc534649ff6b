import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/** How long one Redis command may take before the write or login it guards is refused (retryable). */
const COMMAND_TIMEOUT_MS = 1000;

/**
 * The process's one Redis client (idempotency keys and rate limits), built at start-up and
 * closed by `server.stop`. It connects in the background and reconnects by itself; while Redis
 * is down, the commands fail within `COMMAND_TIMEOUT_MS` and the mutations that need them are
 * refused (reads never touch Redis). The URL may hold a password: it is never logged.
 */
export function createRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    connectionName: 'tessera',
    commandTimeout: COMMAND_TIMEOUT_MS,
    // A command waits for a reconnection only briefly: a create or a login must not hang on Redis.
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    // How long `disconnect` waits for a half-open socket to close before destroying it (the default keeps a stopping process alive 2 s).
    disconnectTimeout: 200,
  });
  let healthy = true;
  redis.on('ready', () => {
    if (!healthy) logger.info('redis: connected again');
    healthy = true;
  });
  redis.on('error', (error: NodeJS.ErrnoException) => {
    // Logged once per outage, not at every reconnection attempt.
    if (healthy) logger.warn({ errorCode: error.code, message: error.message }, 'redis: connection failed; writes with idempotency keys and rate-limited mutations are refused until it is back');
    healthy = false;
  });
  return redis;
}

/** Closes the client: waits for the replies of commands sent, then disconnects; a client that is not connected stops reconnecting. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    try {
      await redis.quit();
      return;
    } catch {
      // Disconnected meanwhile: fall through.
    }
  }
  redis.disconnect();
}

export type { Redis };
