import { canReadTicket } from './permissions.js';
import { rubyToI } from './pagination.js';
import { notAuthorized, notFound } from './ZammadError.js';
import type { ArticleRecord, OrganizationRecord, TicketRecord, UserRecord } from './ZammadRecords.js';
import type { ZammadStore } from './ZammadStore.js';

/**
 * `Model.find(params[:id])`: ActiveRecord casts the id like `to_i` and, when nothing matches,
 * answers 404 naming the model and the id as given.
 */
function find<T>(model: string, raw: unknown, get: (id: number) => T | undefined): T {
  const found = /^\s*\d/.test(String(raw)) ? get(rubyToI(raw)) : undefined;
  if (found === undefined) throw notFound(model, String(raw ?? ''));
  return found;
}

export const findTicket = (store: ZammadStore, raw: unknown): TicketRecord => find('Ticket', raw, (id) => store.ticket(id));
export const findArticle = (store: ZammadStore, raw: unknown): ArticleRecord => find('Ticket::Article', raw, (id) => store.article(id));
export const findUser = (store: ZammadStore, raw: unknown): UserRecord => find('User', raw, (id) => store.user(id));
export const findOrganization = (store: ZammadStore, raw: unknown): OrganizationRecord => find('Organization', raw, (id) => store.organization(id));

/** A ticket the caller may see: 404 when missing, 403 "Not authorized" when hidden from them. */
export function findReadableTicket(store: ZammadStore, user: UserRecord, raw: unknown): TicketRecord {
  const ticket = findTicket(store, raw);
  if (!canReadTicket(store, user, ticket)) throw notAuthorized();
  return ticket;
}
