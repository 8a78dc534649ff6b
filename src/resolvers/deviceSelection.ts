import type { GraphQLResolveInfo } from 'graphql';
import { namesIn, ownSelections, under } from './selectionFields.js';

/**
 * What a query's selection needs from ThingsCloud, read from the GraphQL `info` of the field
 * being resolved, so the source can plan its reads (see `ThingsCloudSource`).
 */

/** Device fields only ThingsCloud's single-device read answers (the list's devices lack them). */
const detailFields = new Set(['groups', 'viewToken', 'deviceCode']);

/** DeviceType fields a device's own `type_info` answers (`extendInfoDefinitions` and `devices` need only the ID). */
const typeFieldsOnDevice = new Set(['__typename', 'id', 'source', 'nativeId', 'name', 'connType', 'connProtocol', 'extendInfoDefinitions', 'devices']);

/** A project-wide read a later step of the query will make, which can start now (in this step's wave). */
export type ThingsCloudList = 'devicePage' | 'groupTree' | 'typeList' | 'customerList';

/**
 * Which device read a field returning a Device needs, by what the query selects on it: `listed`
 * (what ThingsCloud's device list has) or `detail` (what only the single-device read has).
 */
export function deviceShapeOf(info: GraphQLResolveInfo): 'listed' | 'detail' {
  return shapeOf(namesIn(info, ownSelections(info)));
}

/** Whether `Device.type`'s selection asks for a field only the project's type list has. */
export function needsTypeList(info: GraphQLResolveInfo): boolean {
  return typeNeedsList(namesIn(info, ownSelections(info)));
}

/**
 * The project-wide lists the devices of this connection of alarms (`through: 'device'`) or of
 * devices (`through: null`) will need, given `first` of them: the group tree for their groups,
 * the type list for type fields beyond `type_info`, the customer list to plan their customers
 * (two or more devices), and the device list's first page for two or more alarms' devices in
 * the list's shape (the plan reads it anyway; see `planDeviceReads`).
 */
export function listsAhead(info: GraphQLResolveInfo, first: number, through: 'device' | null): ThingsCloudList[] {
  const path = through ? [through] : [];
  const devices = [...under(info, ownSelections(info), ['nodes', ...path]), ...under(info, ownSelections(info), ['edges', 'node', ...path])];
  if (devices.length === 0 || first === 0) return [];
  const names = namesIn(info, devices);
  const lists: ThingsCloudList[] = [];
  if (through && first >= 2 && shapeOf(names) === 'listed') lists.push('devicePage');
  if (names.has('groups')) lists.push('groupTree');
  if (names.has('type') && typeNeedsList(namesIn(info, under(info, devices, ['type'])))) lists.push('typeList');
  if (names.has('customers') && first >= 2) lists.push('customerList');
  return lists;
}

function shapeOf(names: ReadonlySet<string>): 'listed' | 'detail' {
  for (const name of names) if (detailFields.has(name)) return 'detail';
  return 'listed';
}

function typeNeedsList(names: ReadonlySet<string>): boolean {
  for (const name of names) if (!typeFieldsOnDevice.has(name)) return true;
  return false;
}
