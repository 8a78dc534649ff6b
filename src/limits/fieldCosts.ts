/**
 * What each field costs in vendor calls, for the static estimate of an operation
 * (`estimateOperation`). One entry per field whose resolver reaches a vendor; a field not listed
 * costs nothing if it is below the root (it reads its parent's model) and one call if it is a
 * root field (so a new root field is counted until it is listed here).
 *
 * The figures are bounds, not promises: loaders de-duplicate (a hundred alarms of ten devices
 * read ten devices, estimated as a hundred), and per-request reads are counted once. What the
 * estimate cannot know (how many items a list without `first` has) the run-time counter of
 * vendor calls catches (`countVendorCalls`).
 */

/** One field's cost, given its argument values (schema defaults applied). */
export interface FieldCost {
  /** Vendor calls per parent item. */
  calls?: number;
  /**
   * Reads a request makes once and shares (a per-request memo or batched loader), named
   * `vendor:what`: counted once per operation however many parents ask.
   */
  shared?: readonly string[];
  /** Items the field returns per parent: its selection is counted this many times (default 1; a list without `first`: `UNBOUNDED_LIST_GUESS`). */
  items?: number;
  /** How many IDs the field was given (`nodes(ids)`, `_entities`), checked against `TESSERA_MAX_NODE_IDS`. */
  ids?: number;
  /** Checks a credential or sends an e-mail: at most `TESSERA_MAX_SENSITIVE_MUTATIONS` per operation. */
  sensitive?: boolean;
}

export type FieldCostRule = (args: Readonly<Record<string, unknown>>, now: number) => FieldCost;

/** Items assumed for a list whose size no argument bounds (`deviceTypes`, `Device.groups`, …). */
export const UNBOUNDED_LIST_GUESS = 10;

/** The smallest page a paged vendor list serves; a list field costs `ceil(first / page)` calls. */
const PAGE = 100;

const call =
  (calls = 1): FieldCostRule =>
  () => ({ calls });

const shared =
  (...reads: string[]): FieldCostRule =>
  () => ({ shared: reads });

/** `first` as the resolver reads it: the schema default is already applied; null means the default. */
function firstOf(args: Readonly<Record<string, unknown>>, fallback: number): number {
  const first = args['first'];
  return typeof first === 'number' && Number.isFinite(first) && first >= 0 ? first : fallback;
}

/** A list the vendor pages: `ceil(first / pageSize)` calls (at least one), `first` items. */
const paged =
  (pageSize = PAGE, defaultFirst = 20): FieldCostRule =>
  (args) => {
    const first = firstOf(args, defaultFirst);
    return { calls: Math.max(1, Math.ceil(first / pageSize)), items: first };
  };

/** One vendor call for the whole list, sliced by Tessera (Zammad articles): `first` items. */
const sliced =
  (defaultFirst = 20): FieldCostRule =>
  (args) => ({ calls: 1, items: firstOf(args, defaultFirst) });

/** A page of records each read on its own (Zammad organization members): one call per item. */
const readEach =
  (defaultFirst = 20): FieldCostRule =>
  (args) => {
    const first = firstOf(args, defaultFirst);
    return { calls: first, items: first };
  };

/** ThingsCloud devices: with an online-state filter Tessera scans up to 10 vendor pages (`THINGSCLOUD_LIMITS.onlineFilterMaxPages`). */
const devices: FieldCostRule = (args, now) => {
  const filter = args['filter'] as { online?: unknown } | null | undefined;
  const online = args['online'] ?? filter?.online;
  const page = paged()(args, now);
  return online === true || online === false ? { ...page, calls: Math.max(page.calls ?? 1, 10) } : page;
};

/** The merged ticket list: one call per ticket vendor (Dreamreflex, Zammad, MaxCloud) per page. */
const TICKET_VENDORS = 3;
const merged: FieldCostRule = (args) => ({ calls: TICKET_VENDORS, items: firstOf(args, 20) });

/** One read per ID (through the vendor's loader), one item per ID. */
const byIds =
  (arg: string): FieldCostRule =>
  (args) => {
    const ids = args[arg];
    const count = Array.isArray(ids) ? ids.length : 0;
    return { calls: count, items: count, ids: count };
  };

const DAY_MS = 86_400_000;
/** ThingsCloud's series: at most 30 days per call, 100 points per page (`THINGSCLOUD_LIMITS`, `THINGSCLOUD_HISTORY_PAGE_SIZE`'s default). */
const SERIES_WINDOW_MS = 30 * DAY_MS;
const SERIES_PAGE = 100;

/** `Device.history`: the worst case of `planHistory`, one call per page of `first` points plus one per further 30-day window. */
const history: FieldCostRule = (args, now) => {
  const first = firstOf(args, 100);
  const toMs = args['to'] instanceof Date ? args['to'].getTime() : now;
  const fromMs = args['from'] instanceof Date ? args['from'].getTime() : toMs - DAY_MS;
  if (first === 0 || !(fromMs <= toMs)) return { calls: 0, items: 0 };
  const windows = Math.ceil((toMs - fromMs + 1) / (SERIES_WINDOW_MS + 1));
  return { calls: Math.ceil(first / SERIES_PAGE) + windows - 1, items: first };
};

const sensitive =
  (rule: FieldCostRule = call()): FieldCostRule =>
  (args, now) => ({ ...rule(args, now), sensitive: true });

/** `Type.field` → its cost. */
export const FIELD_COSTS: Readonly<Record<string, FieldCostRule>> = {
  // --- Query ---
  'Query.me': () => ({}),
  'Query.person': () => ({}),
  'Query.nodes': byIds('ids'),
  'Query._entities': byIds('representations'),
  'Query._service': () => ({}),
  'Query.tickets': merged,
  'Query.contracts': paged(),
  'Query.projects': paged(),
  'Query.teams': paged(),
  'Query.devices': devices,
  'Query.alarms': paged(),
  'Query.deviceTypes': shared('thingscloud:deviceTypes'),
  'Query.deviceGroups': shared('thingscloud:groupTree'),
  'Query.thingsCloudCustomers': shared('thingscloud:customers'),
  'Query.thingsCloudCustomerRoles': shared('thingscloud:customerRoles'),
  'Query.thingsCloudProject': shared('thingscloud:project'),
  'Query.maxCloudTickets': paged(),
  'Query.maxCloudCompanies': shared('maxcloud:account'),
  'Query.zammadTickets': paged(),
  'Query.zammadUsers': paged(),
  'Query.zammadOrganizations': paged(),
  'Query.zammadGroups': shared('zammad:groups'),
  'Query.zammadTicketStates': shared('zammad:ticketStates'),
  'Query.zammadTicketPriorities': shared('zammad:ticketPriorities'),

  // --- Mutation: one call each (every other mutation field, by the root default); these also check a credential or send an e-mail ---
  'Mutation.sendDreamreflexVerificationCode': sensitive(),
  'Mutation.registerDreamreflexUser': sensitive(),
  'Mutation.dreamreflexLogin': sensitive(),
  'Mutation.changeDreamreflexPassword': sensitive(),
  'Mutation.submitContactForm': sensitive(),
  'Mutation.thingsCloudAdminLogin': sensitive(),
  'Mutation.verifyThingsCloudCustomerLogin': sensitive(),
  'Mutation.maxCloudLogin': sensitive(),

  // --- the caller, per vendor: one read per request each ---
  'Viewer.dreamreflex': shared('dreamreflex:me'),
  'Viewer.thingscloud': shared('thingscloud:admin'),
  'Viewer.zammad': shared('zammad:me'),
  'Viewer.maxcloud': shared('maxcloud:account'),
  'DreamreflexUser.businessAccount': shared('dreamreflex:me', 'dreamreflex:businessAccount'),

  // --- people ---
  'Person.name': shared('zammad:usersByEmail', 'dreamreflex:me'),
  'Person.zammadUser': shared('zammad:usersByEmail'),
  'Person.dreamreflexUser': shared('dreamreflex:me'),
  'Person.maxCloudUser': shared('maxcloud:account'),
  'Person.createdTickets': merged,
  'Person.assignedTickets': merged,
  'Person.customerTickets': merged,

  // --- Dreamreflex ---
  'Project.files': paged(500, 100),
  'Project.links': paged(500, 100),
  'Project.tasks': paged(500, 100),
  'ProjectFile.download': call(),

  // --- ThingsCloud ---
  'Device.type': shared('thingscloud:deviceTypes'),
  'Device.groups': shared('thingscloud:groupTree'),
  'Device.viewToken': call(),
  'Device.deviceCode': call(),
  'Device.certificate': call(),
  'Device.customers': call(),
  'Device.extendInfos': call(),
  'Device.attributes': call(),
  'Device.rawAttributes': call(),
  'Device.history': history,
  'Device.alarms': paged(),
  'DeviceAlarm.device': call(),
  'DeviceGroup.parent': shared('thingscloud:groupTree'),
  'DeviceGroup.devices': devices,
  'DeviceType.extendInfoDefinitions': call(),
  'DeviceType.devices': devices,
  'DeviceWritePayload.device': call(),
  'ThingsCloudCustomerLoginResult.customer': call(),
  'ThingsCloudCustomer.role': shared('thingscloud:customerRoles'),
  'ThingsCloudCustomer.devices': paged(),
  'ThingsCloudProject.deviceStats': shared('thingscloud:deviceStats'),
  'ThingsCloudProject.alarmStats': shared('thingscloud:alarmStats'),

  // --- MaxCloud ---
  'MaxCloudTicket.company': shared('maxcloud:account'),

  // --- Zammad ---
  'ZammadTicket.body': call(),
  'ZammadTicket.status': shared('zammad:ticketStates'),
  'ZammadTicket.vendorStatus': shared('zammad:ticketStates'),
  'ZammadTicket.creator': call(),
  'ZammadTicket.assignee': call(),
  'ZammadTicket.customer': call(),
  'ZammadTicket.people': call(3),
  'ZammadTicket.organization': call(),
  'ZammadTicket.customerUser': call(),
  'ZammadTicket.owner': call(),
  'ZammadTicket.createdBy': call(),
  'ZammadTicket.updatedBy': call(),
  'ZammadTicket.articles': sliced(),
  'ZammadTicket.tags': call(),
  'ZammadUser.organization': call(),
  'ZammadUser.tickets': paged(),
  'ZammadOrganization.members': readEach(),
  'ZammadOrganization.tickets': paged(),
  'ZammadArticle.ticket': call(),
  'ZammadArticle.createdBy': call(),
  'ZammadAttachment.content': call(),
  'ZammadGroup.name': shared('zammad:groups'),
  'ZammadGroup.active': shared('zammad:groups'),
  'ZammadGroup.note': shared('zammad:groups'),
  'ZammadGroup.createdAt': shared('zammad:groups'),
  'ZammadGroup.updatedAt': shared('zammad:groups'),
  'ZammadTicketState.name': shared('zammad:ticketStates'),
  'ZammadTicketState.stateType': shared('zammad:ticketStates'),
  'ZammadTicketState.status': shared('zammad:ticketStates'),
  'ZammadTicketState.active': shared('zammad:ticketStates'),
  'ZammadTicketState.note': shared('zammad:ticketStates'),
  'ZammadTicketPriority.name': shared('zammad:ticketPriorities'),
  'ZammadTicketPriority.active': shared('zammad:ticketPriorities'),
  'ZammadTicketPriority.note': shared('zammad:ticketPriorities'),
};
