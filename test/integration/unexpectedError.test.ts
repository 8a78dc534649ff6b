import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type TesseraServer } from '../../src/server.js';
import { TEST_API_KEY, withApiKey } from '../support/gateway.js';

/**
 * A Lexiang whose team list passes every schema check but breaks an invariant the gateway
 * relies on: each page claims a `per_page` twice what was asked for, so no slice can be cut.
 * Nothing in production is told to fail: the gateway meets a vendor it cannot make sense of.
 */
function startInconsistentLexiang(): Promise<Server> {
  const vendor = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://lexiang');
    const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/cgi-bin/token') return json({ token_type: 'Bearer', expires_in: 7200, access_token: 'fake-token' });
    const asked = Number(url.searchParams.get('per_page') ?? 20);
    json({ data: [], meta: { current_page: 1, per_page: asked * 2, total: 50, last_page: 1 } });
  });
  vendor.listen(0, '127.0.0.1');
  return once(vendor, 'listening').then(() => vendor);
}

let vendor: Server;
let gateway: TesseraServer;
let url: string;
const logs: string[] = [];

beforeAll(async () => {
  vendor = await startInconsistentLexiang();
  const config = loadConfig({
    LEXIANG_BASE_URL: `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`,
    LEXIANG_APP_KEY: 'app-key',
    LEXIANG_APP_SECRET: 'app-secret',
    TESSERA_API_KEYS: TEST_API_KEY,
  });
  gateway = await createServer(config, { logger: createLogger('debug', { write: (line: string) => void logs.push(line) }) });
  url = await gateway.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await gateway.stop();
  vendor.closeAllConnections();
  await new Promise((resolve) => vendor.close(resolve));
});

describe('an error Tessera did not expect', () => {
  it('reaches the client as "Unexpected error." and the log under the request’s ID, with the detail only in the log', async () => {
    const requestId = 'unexpected-error-test-42';
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...withApiKey },
      body: JSON.stringify({ query: '{ teams(first: 5) { totalCount } me { __typename } }' }),
    });
    const body = (await response.json()) as { data: unknown; errors: unknown[] };
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(body.data).toEqual({ teams: null, me: { __typename: 'Viewer' } });
    expect(body.errors).toEqual([{ message: 'Unexpected error.', locations: [{ line: 1, column: 3 }], path: ['teams'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(JSON.stringify(body)).not.toMatch(/per_page|Vendor pages|stack/i);

    const lines = logs.map((line) => JSON.parse(line) as { level: number; msg: string; requestId?: string; err?: { message?: string } });
    const logged = lines.filter((line) => line.level >= 50);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ requestId, msg: 'unexpected error in a resolver', err: { message: expect.stringContaining('Vendor pages by') } });
  });
});
