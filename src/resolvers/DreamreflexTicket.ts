import type { DreamreflexTicketResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import type { PersonModel } from '../models.js';

export const DreamreflexTicket: DreamreflexTicketResolvers = {
  id: (ticket) => toGlobalId('DreamreflexTicket', ticket.source, ticket.nativeId),
  priority: () => null,
  vendorPriority: () => null,
  // Only a ticket's creator can see it in Dreamreflex: the creator is the customer, the responder works on it.
  assignee: (ticket) => ticket.responder,
  customer: (ticket) => ticket.creator,
  people: (ticket) => uniqueByEmail([ticket.creator, ticket.responder]),
  editable: (ticket) => ticket.vendorStatus === 'pending',
};

function uniqueByEmail(people: (PersonModel | null)[]): PersonModel[] {
  const seen = new Map<string, PersonModel>();
  for (const person of people) if (person && !seen.has(person.email)) seen.set(person.email, person);
  return [...seen.values()];
}
