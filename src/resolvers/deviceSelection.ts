import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * What a query's selection needs from ThingsCloud, read from the GraphQL `info` of the field
 * being resolved, so the source can plan its reads (see `ThingsCloudSource`). Fragments count
 * whatever their type condition or directives: the answer is a superset, so a plan made from it
 * may read more than needed but never less.
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

function ownSelections(info: GraphQLResolveInfo): SelectionSetNode[] {
  return info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

/** The selection sets reached from `sets` down the fields named by `path`. */
function under(info: GraphQLResolveInfo, sets: SelectionSetNode[], path: string[]): SelectionSetNode[] {
  return path.reduce((current, name) => current.flatMap((set) => fieldsIn(info, set).flatMap((field) => (field.name.value === name && field.selectionSet ? [field.selectionSet] : []))), sets);
}

function namesIn(info: GraphQLResolveInfo, sets: SelectionSetNode[]): Set<string> {
  return new Set(sets.flatMap((set) => fieldsIn(info, set).map((field) => field.name.value)));
}

/** The fields of a selection set, through its inline fragments and fragment spreads. */
function fieldsIn(info: GraphQLResolveInfo, set: SelectionSetNode, visited = new Set<string>()): FieldNode[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsIn(info, selection.selectionSet, visited);
    const fragment = info.fragments[selection.name.value];
    if (!fragment || visited.has(fragment.name.value)) return [];
    visited.add(fragment.name.value);
    return fieldsIn(info, fragment.selectionSet, visited);
  });
}
