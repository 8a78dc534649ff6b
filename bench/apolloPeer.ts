/**
 * The plain Apollo peer (its own process): Apollo Server 5, one `RESTDataSource` over
 * ThingsCloud, per-request DataLoaders, a schema with just what the bench query reads. What a
 * competent user would write in an afternoon; no limits, no error mapping, no telemetry.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { RESTDataSource, type AugmentedRequest } from '@apollo/datasource-rest';
import DataLoader from 'dataloader';
import {
  alarmGlobalId,
  assertLoopback,
  groupNames,
  type Envelope,
  type ThingsCloudTarget,
  type WireAlarmLog,
  type WireDevice,
  type WireGroupNode,
} from './common.js';

const target = JSON.parse(process.argv[2] ?? '{}') as ThingsCloudTarget;
assertLoopback(target.baseUrl);

let token: Promise<string> | null = null;
async function fetchToken(): Promise<string> {
  const response = await fetch(new URL('/api/v1/access_token', target.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_id: target.appId, access_key: target.accessKey, secret_key: target.secretKey }),
  });
  const envelope = (await response.json()) as Envelope<{ access_token: string }>;
  if (!envelope.result) throw new Error(`ThingsCloud token: ${envelope.message ?? response.status}`);
  return envelope.info.access_token;
}
function accessToken(): Promise<string> {
  token ??= fetchToken().catch((error: unknown) => {
    token = null;
    throw error;
  });
  return token;
}

class ThingsCloudAPI extends RESTDataSource {
  override baseURL = target.baseUrl;

  protected override async willSendRequest(_path: string, request: AugmentedRequest) {
    request.headers.authorization = `Bearer ${await accessToken()}`;
  }

  private async info<T>(path: string, params?: Record<string, string>): Promise<T> {
    const envelope = await this.get<Envelope<T>>(path, params ? { params } : undefined);
    if (!envelope.result) throw new Error(`ThingsCloud ${path}: ${envelope.message ?? 'failed'}`);
    return envelope.info;
  }

  alarmLogs(first: number) {
    return this.info<{ items: WireAlarmLog[] }>('api/v1/alarm_logs', { page: '1', page_records: String(first) });
  }

  device(id: string) {
    return this.info<WireDevice>(`api/v1/device/${encodeURIComponent(id)}`);
  }

  groupTree() {
    return this.info<{ items: WireGroupNode[] }>('api/v1/device_groups_tree');
  }
}

interface Context {
  api: ThingsCloudAPI;
  devices: DataLoader<string, WireDevice | null>;
  groupNames: () => Promise<Map<string, string>>;
}

const typeDefs = `#graphql
  type Query { alarms(first: Int = 20): DeviceAlarmConnection }
  type DeviceAlarmConnection { nodes: [DeviceAlarm!]! }
  type DeviceAlarm { id: ID! device: Device }
  type Device { name: String! online: Boolean! type: DeviceType groups: [DeviceGroup!] }
  type DeviceType { name: String! }
  type DeviceGroup { name: String! }
`;

const resolvers = {
  Query: {
    alarms: async (_: unknown, { first }: { first: number }, { api }: Context) => ({ nodes: (await api.alarmLogs(first)).items }),
  },
  DeviceAlarm: {
    id: (alarm: WireAlarmLog) => alarmGlobalId(alarm.id),
    device: (alarm: WireAlarmLog, _: unknown, { devices }: Context) => devices.load(alarm.device_id),
  },
  Device: {
    type: (device: WireDevice) => (device.type_info ? { name: device.type_info.name } : null),
    groups: async (device: WireDevice, _: unknown, ctx: Context) => {
      const names = await ctx.groupNames();
      return device.groups.flatMap((g) => (names.has(g) ? [{ name: names.get(g)! }] : []));
    },
  },
};

const server = new ApolloServer<Context>({ typeDefs, resolvers });
const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: '127.0.0.1' },
  context: async () => {
    const api = new ThingsCloudAPI();
    let tree: Promise<Map<string, string>> | null = null;
    return {
      api,
      devices: new DataLoader<string, WireDevice | null>((ids) => Promise.all(ids.map((id) => api.device(id).catch(() => null)))),
      groupNames: () => (tree ??= api.groupTree().then((t) => groupNames(t.items))),
    };
  },
});
process.stdout.write(`LISTENING ${url.replace('localhost', '127.0.0.1')}\n`);
process.on('SIGTERM', () => {
  void server.stop().finally(() => process.exit(0));
});
