import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * What a query reads of the tickets of a Zammad ticket connection, from the GraphQL `info` of
 * the connection field, so the source can choose its ticket search (see the Zammad vendor's
 * `planTicketRead`, which this object's shape matches). Fragments count whatever their type
 * condition or directives: the answer is a superset, so a plan made from it may read more
 * than needed but never less.
 */
export interface ZammadTicketSelection {
  people: boolean;
  groupDetail: boolean;
  stateName: boolean;
  stateDetail: boolean;
  priorityName: boolean;
  priorityDetail: boolean;
}

/** Ticket fields that follow a user or the organization. */
const peopleFields = new Set(['creator', 'assignee', 'customer', 'people', 'customerUser', 'owner', 'createdBy', 'updatedBy', 'organization']);
/** Fields of a group, state or priority answered without its record. */
const withoutRecord = new Set(['__typename', 'id', 'nativeId', 'source', 'name']);

export function zammadTicketSelection(info: GraphQLResolveInfo): ZammadTicketSelection {
  const own = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  const tickets = [...under(info, own, ['nodes']), ...under(info, own, ['edges', 'node'])];
  const names = namesIn(info, tickets);
  const of = (field: string) => namesIn(info, under(info, tickets, [field]));
  const beyondName = (fields: Set<string>) => [...fields].some((name) => !withoutRecord.has(name));
  const state = of('state');
  const priority = of('zammadPriority');
  return {
    people: [...names].some((name) => peopleFields.has(name)),
    groupDetail: beyondName(of('group')),
    stateName: names.has('vendorStatus') || state.has('name'),
    stateDetail: names.has('status') || beyondName(state),
    priorityName: names.has('priority') || names.has('vendorPriority') || priority.has('name'),
    priorityDetail: beyondName(priority),
  };
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
