/**
 * The raw fan-out floor: a plain `node:http` server (its own process) that answers the bench
 * query with the fewest ThingsCloud calls that can answer it, independent calls in parallel,
 * over a keep-alive agent, and returns the gateway's JSON shape. No GraphQL, no validation:
 * what the vendor calls alone cost.
 *
 * Calls per query: the alarm log page (100) and, in parallel with it, the group tree; then one
 * device read per distinct device (ThingsCloud has no bulk read; the list lacks groups). The
 * device read carries `type_info`, so the device-type list is read only when a typed device
 * lacks it.
 */
import http from 'node:http';
import {
  alarmGlobalId,
  assertLoopback,
  groupNames,
  type BenchDevice,
  type Envelope,
  type ThingsCloudTarget,
  type WireAlarmLog,
  type WireDevice,
  type WireDeviceType,
  type WireGroupNode,
} from './common.js';

const target = JSON.parse(process.argv[2] ?? '{}') as ThingsCloudTarget;
assertLoopback(target.baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function call<T>(method: 'GET' | 'POST', path: string, token: string | null, body?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload) headers['content-type'] = 'application/json';
    const req = http.request(new URL(path, target.baseUrl), { method, agent, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          const envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope<T>;
          if (res.statusCode !== 200 || !envelope.result) reject(new Error(`${method} ${path}: ${res.statusCode} ${envelope.message ?? ''}`));
          else resolve(envelope.info);
        } catch (error) {
          reject(error as Error);
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

let token: Promise<string> | null = null;
function accessToken(): Promise<string> {
  token ??= call<{ access_token: string }>('POST', '/api/v1/access_token', null, {
    app_id: target.appId,
    access_key: target.accessKey,
    secret_key: target.secretKey,
  }).then((info) => info.access_token, (error: unknown) => {
    token = null;
    throw error;
  });
  return token;
}

async function answer() {
  const auth = await accessToken();
  const [alarms, tree] = await Promise.all([
    call<{ items: WireAlarmLog[] }>('GET', '/api/v1/alarm_logs?page=1&page_records=100', auth),
    call<{ items: WireGroupNode[] }>('GET', '/api/v1/device_groups_tree', auth),
  ]);
  const ids = [...new Set(alarms.items.map((a) => a.device_id))];
  const devices = new Map<string, WireDevice | null>();
  await Promise.all(
    ids.map((id) =>
      call<WireDevice>('GET', `/api/v1/device/${encodeURIComponent(id)}`, auth).then(
        (d) => void devices.set(id, d),
        () => void devices.set(id, null),
      ),
    ),
  );
  let typeNames: Map<string, string> | null = null;
  if ([...devices.values()].some((d) => d && d.type && !d.type_info)) {
    const types = await call<{ items: WireDeviceType[] }>('GET', '/api/v1/device_types', auth);
    typeNames = new Map(types.items.map((t) => [t.id, t.name]));
  }
  const groups = groupNames(tree.items);
  const shaped = new Map<string, BenchDevice | null>();
  for (const [id, d] of devices) {
    if (!d) {
      shaped.set(id, null);
      continue;
    }
    const typeName = d.type_info?.name ?? (d.type ? typeNames?.get(d.type) : undefined);
    shaped.set(id, {
      name: d.name,
      online: d.online,
      type: typeName === undefined ? null : { name: typeName },
      groups: d.groups.flatMap((g) => (groups.has(g) ? [{ name: groups.get(g)! }] : [])),
    });
  }
  return { data: { alarms: { nodes: alarms.items.map((a) => ({ id: alarmGlobalId(a.id), device: shaped.get(a.device_id) ?? null })) } } };
}

const server = http.createServer((req, res) => {
  // Read (and ignore) the body: the floor answers only the bench query.
  req.resume();
  req.on('end', () => {
    answer().then(
      (body) => {
        const text = JSON.stringify(body);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      },
      (error: unknown) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
      },
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
  agent.destroy();
  process.exit(0);
});
