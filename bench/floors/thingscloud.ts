/**
 * ThingsCloud floors: the fewest ThingsCloud calls that answer each bench query, independent
 * calls in parallel. ThingsCloud answers `{result, info}`; the list page cap used is 100 (not
 * documented for devices; FACTS: official tools send 50 and 100; the simulator allows 100).
 */
import type { Call } from '../floorVendors.js';
import { alarmGlobalId, groupNames, type BenchDevice, type WireAlarmLog, type WireDevice, type WireDeviceType, type WireGroupNode } from '../common.js';

const PAGE_CAP = 100;

interface Envelope<T> {
  result: boolean;
  info: T;
  message?: string;
}

async function info<T>(call: Call, path: string, query?: Record<string, string | number>): Promise<T> {
  const envelope = await call<Envelope<T>>('GET', path, { query });
  if (!envelope.result) throw new Error(`ThingsCloud ${path}: ${envelope.message ?? 'result false'}`);
  return envelope.info;
}

/** A device read, or null when ThingsCloud has no such device (any more). */
async function deviceOrNull(call: Call, id: string): Promise<WireDevice | null> {
  const envelope = await call<Envelope<WireDevice>>('GET', `/api/v1/device/${encodeURIComponent(id)}`);
  return envelope.result ? envelope.info : null;
}

async function devicesById(call: Call, ids: Iterable<string>): Promise<Map<string, WireDevice | null>> {
  const unique = [...new Set(ids)];
  const devices = await Promise.all(unique.map((id) => deviceOrNull(call, id)));
  return new Map(unique.map((id, i) => [id, devices[i]!]));
}

interface DevicePage {
  items: (WireDevice & { id: string })[];
  total: number;
  page_total: number;
}

/** Every page of a device list: the first, then the rest in parallel once the first tells how many there are. */
async function allDevicePages(call: Call, path: string, first: Promise<DevicePage>): Promise<WireDevice[]> {
  const page1 = await first;
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, page1.page_total - 1) }, (_, i) => info<DevicePage>(call, path, { page: i + 2, page_records: PAGE_CAP })),
  );
  return [page1, ...rest].flatMap((p) => p.items);
}

function groupsOf(device: WireDevice, names: Map<string, string>): { name: string }[] {
  return device.groups.flatMap((g) => (names.has(g) ? [{ name: names.get(g)! }] : []));
}

/**
 * "100 alarms, each with its device, the device's type and its groups": the alarm page and the
 * group tree in parallel, then one read per distinct device (no bulk read; the list lacks
 * groups). The device read carries `type_info`, so the type list is read only when a typed
 * device lacks it. Depth 2.
 */
export async function alarmsDashboard(call: Call) {
  const [alarms, tree] = await Promise.all([
    info<{ items: WireAlarmLog[] }>(call, '/api/v1/alarm_logs', { page: 1, page_records: 100 }),
    info<{ items: WireGroupNode[] }>(call, '/api/v1/device_groups_tree'),
  ]);
  const devices = await devicesById(call, alarms.items.map((a) => a.device_id));
  let typeNames: Map<string, string> | null = null;
  if ([...devices.values()].some((d) => d && d.type && !d.type_info)) {
    const types = await info<{ items: WireDeviceType[] }>(call, '/api/v1/device_types');
    typeNames = new Map(types.items.map((t) => [t.id, t.name]));
  }
  const groups = groupNames(tree.items);
  const shaped = new Map<string, BenchDevice | null>();
  for (const [id, d] of devices) {
    const typeName = d ? (d.type_info?.name ?? (d.type ? typeNames?.get(d.type) : undefined)) : undefined;
    shaped.set(id, d && { name: d.name, online: d.online, type: typeName === undefined ? null : { name: typeName }, groups: groupsOf(d, groups) });
  }
  return { alarms: { nodes: alarms.items.map((a) => ({ id: alarmGlobalId(a.id), device: shaped.get(a.device_id) ?? null })) } };
}

/**
 * 100 alarms with their devices' name and online state: the alarm page and the device list's
 * first page in parallel, then the list's other pages (200 devices: 1 more). Cheaper than 45
 * device reads; a device missing from the whole list has been deleted (null). Depth 2.
 */
export async function alarmDevices(call: Call) {
  const firstDevices = info<DevicePage>(call, '/api/v1/devices', { page: 1, page_records: PAGE_CAP });
  const [alarms, devices] = await Promise.all([
    info<{ items: WireAlarmLog[] }>(call, '/api/v1/alarm_logs', { page: 1, page_records: 100 }),
    allDevicePages(call, '/api/v1/devices', firstDevices),
  ]);
  const byId = new Map(devices.map((d) => [d.id, d]));
  return {
    alarms: {
      nodes: alarms.items.map((a) => {
        const d = byId.get(a.device_id);
        return { device: d ? { name: d.name, online: d.online } : null };
      }),
    },
  };
}

interface WireCustomer {
  id: string;
  account: string;
  name: string;
  count?: { device_count?: number } | null;
}

/**
 * 100 devices with their customers: the device page and the customer list in parallel, then each
 * customer's device list (as many pages as its `device_count` needs), instead of one customer
 * read per device. A device's customers come in the customer list's order, as
 * `/device/:id/customers` gives them. Depth 2.
 */
export async function devicesCustomers(call: Call) {
  const [page, customers] = await Promise.all([
    info<DevicePage>(call, '/api/v1/devices', { page: 1, page_records: 100 }),
    info<{ items: WireCustomer[] }>(call, '/api/v1/customers'),
  ]);
  const holders = customers.items.filter((c) => (c.count?.device_count ?? 1) > 0);
  const deviceIdsOf = await Promise.all(
    holders.map(async (c) => {
      const pages = Math.max(1, Math.ceil((c.count?.device_count ?? 1) / PAGE_CAP));
      const lists = await Promise.all(
        Array.from({ length: pages }, (_, i) => info<DevicePage>(call, `/api/v1/customer/${encodeURIComponent(c.id)}/devices`, { page: i + 1, page_records: PAGE_CAP })),
      );
      return new Set(lists.flatMap((l) => l.items.map((d) => d.id)));
    }),
  );
  return {
    devices: {
      nodes: page.items.map((d) => ({
        name: d.name,
        customers: holders.flatMap((c, i) => (deviceIdsOf[i]!.has(d.id) ? [{ name: c.name, account: c.account }] : [])),
      })),
    },
  };
}

/**
 * Deep: 20 alarms → device → its groups → 5 devices of each group. The alarm page and the group
 * tree; then one read per distinct device (for its groups); then one 5-device list page per
 * distinct group. Depth 3.
 */
export async function alarmGroupDevices(call: Call) {
  const [alarms, tree] = await Promise.all([
    info<{ items: WireAlarmLog[] }>(call, '/api/v1/alarm_logs', { page: 1, page_records: 20 }),
    info<{ items: WireGroupNode[] }>(call, '/api/v1/device_groups_tree'),
  ]);
  const names = groupNames(tree.items);
  const devices = await devicesById(call, alarms.items.map((a) => a.device_id));
  const groupIds = [...new Set([...devices.values()].flatMap((d) => (d ? d.groups.filter((g) => names.has(g)) : [])))];
  const lists = await Promise.all(groupIds.map((g) => info<DevicePage>(call, '/api/v1/devices', { group: g, page: 1, page_records: 5 })));
  const membersOf = new Map(groupIds.map((g, i) => [g, lists[i]!.items.map((d) => ({ name: d.name }))]));
  return {
    alarms: {
      nodes: alarms.items.map((a) => {
        const d = devices.get(a.device_id);
        return {
          id: alarmGlobalId(a.id),
          device: d
            ? { name: d.name, groups: d.groups.flatMap((g) => (names.has(g) ? [{ name: names.get(g)!, devices: { nodes: membersOf.get(g)! } }] : [])) }
            : null,
        };
      }),
    },
  };
}
