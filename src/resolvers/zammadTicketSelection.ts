import type { GraphQLResolveInfo } from 'graphql';
import type { ZammadTicketNeeds } from '../models.js';
import { namesIn, ownSelections, under } from './selectionFields.js';

/** Ticket fields that follow a user or the organization. */
const peopleFields = new Set(['creator', 'assignee', 'customer', 'people', 'customerUser', 'owner', 'createdBy', 'updatedBy', 'organization']);
/** Fields of a group, state or priority answered without its record. */
const withoutRecord = new Set(['__typename', 'id', 'nativeId', 'source', 'name']);

/**
 * What a query reads of the tickets of a Zammad ticket connection, from the GraphQL `info` of
 * the connection field, so the source can choose its ticket search.
 */
export function zammadTicketSelection(info: GraphQLResolveInfo): ZammadTicketNeeds {
  const own = ownSelections(info);
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
