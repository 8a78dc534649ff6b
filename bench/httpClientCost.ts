/**
 * CPU per vendor call of the HTTP clients Tessera could use, side by side in one process against
 * one local keep-alive server answering a 1.6 KB device document: plain `node:http` (the raw
 * floor's client), `got` as `VendorHttp` configures it, and `VendorHttp` itself (got plus
 * Tessera's error mapping, JSON parsing and logging). The server's own CPU is included in every
 * row alike. Not part of `npm run bench`:
 *
 *   node --import tsx bench/httpClientCost.ts
 */
import http from 'node:http';
import got from 'got';
import { createLogger } from '../src/logger.js';
import { VendorHttp } from '../src/vendors/shared/VendorHttp.js';

const CALLS = 4000;
const CONCURRENCY = 32;
const body = JSON.stringify({ result: true, info: { id: 'd1', name: 'device', online: true, groups: ['g1', 'g2'], type_info: { id: 't', name: 'type' }, descr: 'x'.repeat(1500) } });
const server = http.createServer((_req, res) => res.setHeader('content-type', 'application/json').end(body));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function nodeHttp(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { agent, headers: { accept: 'application/json', token: 't' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
    req.on('error', reject).end();
  });
}

const gotAsVendorHttp = got.extend({
  prefixUrl: base,
  agent: { http: agent },
  timeout: { request: 10_000 },
  retry: { limit: 1, methods: ['GET'], statusCodes: [502, 503, 504], errorCodes: ['ECONNRESET', 'EPIPE', 'ECONNREFUSED'], backoffLimit: 200 },
  throwHttpErrors: false,
  followRedirect: false,
  responseType: 'text',
  headers: { 'user-agent': 'tessera-gateway', accept: 'application/json' },
});
const vendorHttp = new VendorHttp({ source: 'THINGSCLOUD', baseUrl: base, timeoutMs: 10_000, logger: createLogger('info'), maxSockets: 64 });

const clients: Record<string, (i: number) => Promise<unknown>> = {
  'node:http': (i) => nodeHttp(`/api/v1/device/${i}`).then((text) => JSON.parse(text)),
  'got (VendorHttp options)': (i) => gotAsVendorHttp(`api/v1/device/${i}`, { headers: { token: 't' }, signal: new AbortController().signal }).then((r) => JSON.parse(r.body)),
  VendorHttp: (i) => vendorHttp.send({ method: 'GET', path: `/api/v1/device/${i}`, headers: { token: 't' }, signal: new AbortController().signal }),
};

const results: Record<string, number> = {};
for (const round of [0, 1]) {
  for (const [name, call] of Object.entries(clients)) {
    let next = 0;
    const before = process.cpuUsage();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) await call(next++);
    }));
    const used = process.cpuUsage(before);
    if (round === 1) results[name] = (used.user + used.system) / CALLS;
  }
}
const floor = results['node:http']!;
for (const [name, us] of Object.entries(results)) process.stdout.write(`${name.padEnd(26)} ${us.toFixed(0).padStart(5)} µs CPU per call  ${(us / floor).toFixed(2)}× node:http\n`);
server.close();
agent.destroy();
