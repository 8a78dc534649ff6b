import { describe, expect, it } from '@jest/globals';
import pLimit from 'p-limit';
import { createLogger } from '../../src/logger.js';
import { callerSignal, limitWithSignal, outsideCaller } from '../../src/vendors/shared/callerSignal.js';
import { TokenCache } from '../../src/vendors/shared/TokenCache.js';
import { VendorHttp } from '../../src/vendors/shared/VendorHttp.js';

describe('limitWithSignal', () => {
  it('runs every call with the request’s signal, through awaits, and keeps the limit’s own surface', async () => {
    const signal = new AbortController().signal;
    const limit = limitWithSignal(pLimit(2), signal);
    const seen = await Promise.all(
      [1, 2, 3].map((n) =>
        limit(async (x: number) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          return [x, callerSignal()] as const;
        }, n),
      ),
    );
    expect(seen.map(([x, s]) => [x, s === signal])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);
    expect(limit.concurrency).toBe(2);
    expect(limit.activeCount).toBe(0);
    expect(callerSignal()).toBeUndefined();
  });

  it('leaves work shared between requests (a service login) out of any one caller’s signal', async () => {
    const signal = new AbortController().signal;
    const seenByAcquire: (AbortSignal | undefined)[] = [];
    const cache = new TokenCache({
      acquire: async () => {
        seenByAcquire.push(callerSignal());
        return { token: 't', expiresInSeconds: 60 };
      },
    });
    await limitWithSignal(pLimit(1), signal)(() => cache.get());
    expect(seenByAcquire).toEqual([undefined]);
    expect(await limitWithSignal(pLimit(1), signal)(() => outsideCaller(() => callerSignal()))).toBeUndefined();
  });
});

describe('VendorHttp and a client that went away', () => {
  it('never sends a read whose caller already left, and does not blame the vendor for it', async () => {
    const lines: string[] = [];
    // Port 9 is never reached: the request is refused before any connection.
    const http = new VendorHttp({ source: 'ZAMMAD', baseUrl: 'http://127.0.0.1:9', timeoutMs: 1000, logger: createLogger('debug', { write: (line: string) => void lines.push(line) }) });
    const controller = new AbortController();
    controller.abort();
    const error = await limitWithSignal(pLimit(1), controller.signal)(() => http.send({ method: 'GET', path: '/api/v1/tickets' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ extensions: { code: 'REQUEST_CANCELLED', upstream: { method: 'GET', path: '/api/v1/tickets' } } });
    expect((error as { extensions: Record<string, unknown> }).extensions).not.toHaveProperty('source');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['upstream call cancelled: the client went away']);
  });
});
