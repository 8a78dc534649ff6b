/**
 * The bench queries, each with its hand-written raw floor (bench/floors/) and the variables it
 * runs with. `depth` is the query's dependency depth: the rounds of vendor calls that must run
 * one after another, which is what the floor makes (waves ÷ depth is judged against it).
 */
import type { FloorVendors } from './floorVendors.js';
import { alarmDevices, alarmGroupDevices, alarmsDashboard, devicesCustomers } from './floors/thingscloud.js';
import { lexiangNodes, lexiangTeamsAndTeam, teamGlobalId, teamPage } from './floors/lexiang.js';
import { dreamreflexNodes, dreamreflexTicketGlobalId, dreamreflexTickets } from './floors/dreamreflex.js';
import { zammadTicketPage } from './floors/zammad.js';
import { maxCloudTicketPage } from './floors/maxcloud.js';
import { mergedTickets } from './floors/tickets.js';
import { BENCH_QUERY } from './common.js';

export type Vendor = 'thingscloud' | 'lexiang' | 'dreamreflex' | 'zammad' | 'maxcloud';

export type Variables = Record<string, unknown>;

export interface BenchQuery {
  name: string;
  /** What it stands for, in the table's notes. */
  title: string;
  text: string;
  /** The query's variables, read from the vendors once before the run (IDs of existing records). */
  prepare?: (vendors: FloorVendors) => Promise<Variables>;
  /** The raw floor: the query's `data`, from the fewest vendor calls. */
  floor: (vendors: FloorVendors, variables: Variables) => Promise<unknown>;
  depth: number;
}

export const BENCH_QUERIES: readonly BenchQuery[] = [
  {
    name: 'alarms',
    title: '100 alarms, each with its device, type and groups',
    text: BENCH_QUERY,
    floor: (v) => alarmsDashboard(v.thingscloud),
    depth: 2,
  },
  {
    name: 'alarmDevices',
    title: '100 alarms with device name and online state (device list pages, not 45 reads)',
    text: '{ alarms(first: 100) { nodes { device { name online } } } }',
    floor: (v) => alarmDevices(v.thingscloud),
    depth: 2,
  },
  {
    name: 'devicesCustomers',
    title: '100 devices with their customers (per-customer device lists, not 100 per-device calls)',
    text: '{ devices(first: 100) { nodes { name customers { name account } } } }',
    floor: (v) => devicesCustomers(v.thingscloud),
    depth: 2,
  },
  {
    name: 'lexiangNodes',
    title: 'nodes of 30 Lexiang teams (one list page)',
    text: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Team { name code } } }',
    prepare: async (v) => ({ ids: (await teamPage(v.lexiang, 30)).data.map((t) => teamGlobalId(t.id)) }),
    floor: (v, vars) => lexiangNodes(v.lexiang, vars as { ids: string[] }),
    depth: 1,
  },
  {
    name: 'lexiangTeamsAndTeam',
    title: 'teams(first: 10) and team(id) of three of them (one list page)',
    text: 'query($a: ID!, $b: ID!, $c: ID!) { teams(first: 10) { totalCount nodes { id name } } a: team(id: $a) { name code } b: team(id: $b) { name code } c: team(id: $c) { name code } }',
    prepare: async (v) => {
      const ids = (await teamPage(v.lexiang, 10)).data.map((t) => teamGlobalId(t.id));
      return { a: ids[0], b: ids[4], c: ids[9] };
    },
    floor: (v, vars) => lexiangTeamsAndTeam(v.lexiang, vars as { a: string; b: string; c: string }),
    depth: 1,
  },
  {
    name: 'dreamreflexNodes',
    title: 'nodes of 21 Dreamreflex tickets of the caller (one list page)',
    text: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on DreamreflexTicket { title } } }',
    prepare: async (v) => ({ ids: (await dreamreflexTickets(v.dreamreflex, 21)).items.map((t) => dreamreflexTicketGlobalId(t.id)) }),
    floor: (v, vars) => dreamreflexNodes(v.dreamreflex, vars as { ids: string[] }),
    depth: 1,
  },
  {
    name: 'zammadTickets',
    title: '20 Zammad tickets with customer, owner and group (one search: its assets hold them)',
    text: '{ zammadTickets(first: 20) { nodes { id number title customerUser { login email } owner { login email } group { name } } } }',
    floor: (v) => zammadTicketPage(v.zammad),
    depth: 1,
  },
  {
    name: 'maxcloudTickets',
    title: '50 MaxCloud tickets with creator and assignee (one search)',
    text: '{ maxCloudTickets(first: 50) { nodes { id title creator { email } assignee { email } } } }',
    floor: (v) => maxCloudTicketPage(v.maxcloud),
    depth: 1,
  },
  {
    name: 'tickets',
    title: 'tickets(first: 50) merged across MaxCloud, Zammad and Dreamreflex, with people (one read per vendor)',
    text: '{ tickets(first: 50) { nodes { id title createdAt people { email } } } }',
    floor: (v) => mergedTickets(v),
    depth: 1,
  },
  {
    name: 'deepAlarmGroups',
    title: 'deep: 20 alarms → device → groups → 5 devices of each group',
    text: '{ alarms(first: 20) { nodes { id device { name groups { name devices(first: 5) { nodes { name } } } } } } }',
    floor: (v) => alarmGroupDevices(v.thingscloud),
    depth: 3,
  },
];

/** The queries named in `names` (all when empty), in the registry's order; an unknown name is an error. */
export function selectQueries(names: readonly string[]): BenchQuery[] {
  const unknown = names.filter((n) => !BENCH_QUERIES.some((q) => q.name === n));
  if (unknown.length > 0) throw new Error(`unknown bench queries: ${unknown.join(', ')} (known: ${BENCH_QUERIES.map((q) => q.name).join(', ')})`);
  return names.length === 0 ? [...BENCH_QUERIES] : BENCH_QUERIES.filter((q) => names.includes(q.name));
}
