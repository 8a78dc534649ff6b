/**
 * The raw fan-out floor: a plain `node:http` server (its own process) that answers every bench
 * query with the fewest vendor calls that can answer it, independent calls in parallel, over a
 * keep-alive agent, and returns the gateway's JSON shape. No GraphQL, no validation: what the
 * vendor calls alone cost. `POST /<query name>` with `{"variables": …}` answers that query
 * (bench/queries.ts; the floors themselves are in bench/floors/).
 *
 * argv[2] is the vendor environment (JSON), as the gateway gets it.
 */
import http from 'node:http';
import { createFloorVendors, type Env } from './floorVendors.js';
import { BENCH_QUERIES, type Variables } from './queries.js';

const vendors = createFloorVendors(JSON.parse(process.argv[2] ?? '{}') as Env);
const floors = new Map(BENCH_QUERIES.map((q) => [`/${q.name}`, q]));

function reply(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const query = floors.get(req.url ?? '');
    if (!query) return reply(res, 404, { errors: [{ message: `no floor for ${req.url}` }] });
    let variables: Variables = {};
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      variables = (text ? (JSON.parse(text) as { variables?: Variables }).variables : undefined) ?? {};
    } catch {
      return reply(res, 400, { errors: [{ message: 'body is not JSON' }] });
    }
    query.floor(vendors, variables).then(
      (data) => reply(res, 200, { data }),
      (error: unknown) => reply(res, 502, { errors: [{ message: (error as Error).message }] }),
    );
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`LISTENING http://127.0.0.1:${address.port}/\n`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  vendors.close();
  process.exit(0);
});
