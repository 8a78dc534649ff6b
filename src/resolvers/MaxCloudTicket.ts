import type { MaxCloudTicketResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import type { PersonModel } from '../models.js';

export const MaxCloudTicket: MaxCloudTicketResolvers = {
  id: (ticket) => toGlobalId('MaxCloudTicket', ticket.source, ticket.nativeId),
  body: (ticket) => ticket.content,
  creator: (ticket) => ticket.createdBy,
  assignee: (ticket) => ticket.assignedTo,
  // MaxCloud has no customer role.
  customer: () => null,
  people: (ticket) => uniqueByEmail([ticket.createdBy, ticket.assignedTo]),
  company: (ticket, _args, ctx) => ctx.maxcloud.ticketCompany(ticket),
};

function uniqueByEmail(people: (PersonModel | null)[]): PersonModel[] {
  const seen = new Map<string, PersonModel>();
  for (const person of people) if (person && !seen.has(person.email)) seen.set(person.email, person);
  return [...seen.values()];
}
