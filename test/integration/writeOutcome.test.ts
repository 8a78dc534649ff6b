import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Method } from 'got';
import { TesseraError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { VendorHttp } from '../../src/vendors/shared/VendorHttp.js';
import { runInWriteScope, type WriteScope } from '../../src/writes/writeScope.js';

/**
 * A vendor that receives every request in full (and counts it: as far as it knows, it applied
 * it), then answers as the path says: never (`/hang`), by dropping the connection (`/reset`),
 * with a proxy's 502/504, after 300 ms (`/slow`), or at once.
 */
let vendor: Server;
let received: string[] = [];
let http: VendorHttp;

beforeAll(async () => {
  vendor = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      received.push(`${req.method} ${req.url}`);
      if (req.url === '/hang') return;
      if (req.url === '/reset') return void req.socket.destroy();
      if (req.url === '/502' || req.url === '/504') return void res.writeHead(Number(req.url.slice(1)), { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":1}'), req.url === '/slow' ? 300 : 0);
    });
  });
  vendor.listen(0, '127.0.0.1');
  await once(vendor, 'listening');
  http = new VendorHttp({ source: 'ZAMMAD', baseUrl: `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`, timeoutMs: 150, logger: createLogger('silent') });
});
afterAll(async () => {
  vendor.closeAllConnections();
  await new Promise((resolve) => vendor.close(resolve));
});
beforeEach(() => {
  received = [];
});

async function failureOf(send: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await send();
  } catch (error) {
    expect(error).toBeInstanceOf(TesseraError);
    return { message: (error as TesseraError).message, ...(error as TesseraError).extensions };
  }
  throw new Error('expected the call to fail');
}

describe('a write whose outcome is unknown', () => {
  it.each<[Method, string]>([
    ['POST', '/hang'],
    ['PUT', '/hang'],
    ['PATCH', '/reset'],
    ['DELETE', '/reset'],
  ])('is UPSTREAM_OUTCOME_UNKNOWN, not retryable, when %s %s got no answer after it was sent', async (method, path) => {
    const failure = await failureOf(() => http.send({ method, path, json: { title: 'x' } }));
    expect(failure).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', retryable: false, source: 'ZAMMAD', upstream: { method, path } });
    expect(failure.message).toMatch(/may or may not have applied it\. Check before sending it again; a create sent with an idempotency key/);
    // The vendor did receive it, once: it was never sent again.
    expect(received).toEqual([`${method} ${path}`]);
  });

  it.each([502, 504])('is UPSTREAM_OUTCOME_UNKNOWN when a proxy answers a write with %i, and the write is not re-sent', async (status) => {
    const failure = await failureOf(() => http.send({ method: 'POST', path: `/${status}`, json: {} }));
    expect(failure).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', retryable: false, upstream: { method: 'POST', path: `/${status}`, status } });
    expect(received).toHaveLength(1);
  });

  it('stays UPSTREAM_UNAVAILABLE and retryable when the connection is refused: nothing was sent', async () => {
    const closed = new VendorHttp({ source: 'ZAMMAD', baseUrl: 'http://127.0.0.1:9', timeoutMs: 150, logger: createLogger('silent') });
    expect(await failureOf(() => closed.send({ method: 'POST', path: '/tickets', json: {} }))).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
  });
});

describe('reads and repeatable calls', () => {
  it('keeps a read’s timeout UPSTREAM_TIMEOUT and retryable', async () => {
    expect(await failureOf(() => http.send({ method: 'GET', path: '/hang' }))).toMatchObject({ code: 'UPSTREAM_TIMEOUT', retryable: true });
  });

  it('reads a repeatable POST (a login, a search) as a read', async () => {
    expect(await failureOf(() => http.send({ method: 'POST', path: '/hang', json: {}, repeatable: true }))).toMatchObject({ code: 'UPSTREAM_TIMEOUT', retryable: true });
  });

  it('retries a read once on a 502, but never a write', async () => {
    await http.send({ method: 'GET', path: '/502' });
    expect(received).toEqual(['GET /502', 'GET /502']);
    received = [];
    await failureOf(() => http.send({ method: 'POST', path: '/502', json: {} }));
    expect(received).toEqual(['POST /502']);
  });
});

describe('a write under an idempotency key', () => {
  it('waits for the vendor up to the scope’s write timeout, longer than the gateway’s, and counts the write as sent', async () => {
    const scope: WriteScope = { writeTimeoutMs: 2000, sentWrites: 0 };
    const response = await runInWriteScope(scope, () => http.send({ method: 'POST', path: '/slow', json: {} }));
    expect(response).toMatchObject({ status: 200, body: { id: 1 } });
    expect(scope.sentWrites).toBe(1);
    // Outside the scope the same write times out at 150 ms.
    expect(await failureOf(() => http.send({ method: 'POST', path: '/slow', json: {} }))).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN' });
  });

  it('does not stretch the timeout of reads in the scope', async () => {
    const scope: WriteScope = { writeTimeoutMs: 2000, sentWrites: 0 };
    expect(await runInWriteScope(scope, () => failureOf(() => http.send({ method: 'GET', path: '/slow' })))).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(scope.sentWrites).toBe(0);
  });
});
