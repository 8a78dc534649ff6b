import { articleAttributes, groupAttributes, organizationAttributes, ticketAttributes, userAttributes } from './renderRecords.js';
import type { ArticleRecord, TicketRecord } from './ZammadRecords.js';
import type { ZammadStore } from './ZammadStore.js';

/** Zammad's `assets`: records by model name, then by id (as a string key). */
export type Assets = Record<string, Record<string, unknown>>;

function put(assets: Assets, model: string, id: number, record: () => unknown): void {
  const bucket = (assets[model] ??= {});
  if (!(String(id) in bucket)) bucket[String(id)] = record();
}

function addUser(store: ZammadStore, assets: Assets, userId: number): void {
  const user = store.user(userId);
  if (!user) return;
  put(assets, 'User', user.id, () => userAttributes(user));
  const organization = user.organization_id === null ? undefined : store.organization(user.organization_id);
  if (organization) put(assets, 'Organization', organization.id, () => organizationAttributes(store, organization));
}

/** A ticket's assets: the ticket, its people, organization and group. */
export function addTicketAssets(store: ZammadStore, assets: Assets, ticket: TicketRecord): Assets {
  put(assets, 'Ticket', ticket.id, () => ticketAttributes(store, ticket));
  for (const userId of [ticket.owner_id, ticket.customer_id, ticket.created_by_id, ticket.updated_by_id]) addUser(store, assets, userId);
  const group = store.group(ticket.group_id);
  if (group) put(assets, 'Group', group.id, () => groupAttributes(store, group));
  return assets;
}

export function addArticleAssets(store: ZammadStore, assets: Assets, article: ArticleRecord): Assets {
  put(assets, 'TicketArticle', article.id, () => articleAttributes(store, article));
  addUser(store, assets, article.created_by_id);
  return assets;
}
