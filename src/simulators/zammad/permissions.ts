import type { ArticleRecord, GroupAccess, OrganizationRecord, TicketRecord, UserRecord } from './ZammadRecords.js';
import type { ZammadStore } from './ZammadStore.js';

/**
 * Zammad's permission model: roles grant permission names, and a parent grants its children
 * (`admin` covers `admin.user`). Agents reach tickets through their groups' access levels.
 */
export function permits(store: ZammadStore, user: UserRecord, permission: string): boolean {
  for (const roleId of user.role_ids) {
    const role = store.roles.find((r) => r.id === roleId);
    if (role?.permissions.some((p) => p === permission || permission.startsWith(`${p}.`))) return true;
  }
  return false;
}

export const isAdmin = (store: ZammadStore, user: UserRecord): boolean => permits(store, user, 'admin');
export const isAgent = (store: ZammadStore, user: UserRecord): boolean => permits(store, user, 'ticket.agent');
export const isCustomer = (store: ZammadStore, user: UserRecord): boolean => permits(store, user, 'ticket.customer');

/** `full` grants everything; the other levels grant just themselves. */
export function hasGroupAccess(store: ZammadStore, user: UserRecord, groupId: number, access: Exclude<GroupAccess, 'full'>): boolean {
  if (!isAgent(store, user)) return false;
  const levels = user.group_access.get(groupId) ?? [];
  return levels.includes('full') || levels.includes(access);
}

function isCustomerOf(store: ZammadStore, user: UserRecord, ticket: TicketRecord): boolean {
  if (!isCustomer(store, user)) return false;
  if (ticket.customer_id === user.id) return true;
  // Shared organizations: the ticket's organization, not the customer's, decides (as Zammad's search filter does).
  if (user.organization_id === null || ticket.organization_id !== user.organization_id) return false;
  return store.organization(user.organization_id)?.shared === true;
}

export function canReadTicket(store: ZammadStore, user: UserRecord, ticket: TicketRecord): boolean {
  return hasGroupAccess(store, user, ticket.group_id, 'read') || isCustomerOf(store, user, ticket);
}

/** Agents need change access to the group; customers may follow up every ticket they can see. */
export function canChangeTicket(store: ZammadStore, user: UserRecord, ticket: TicketRecord): boolean {
  return hasGroupAccess(store, user, ticket.group_id, 'change') || isCustomerOf(store, user, ticket);
}

/** Agents (read access) see internal articles; customers see only the public ones. */
export function canReadArticle(store: ZammadStore, user: UserRecord, ticket: TicketRecord, article: ArticleRecord): boolean {
  if (!canReadTicket(store, user, ticket)) return false;
  return !article.internal || hasGroupAccess(store, user, ticket.group_id, 'read');
}

/** Agents and user admins see everyone; others themselves and, in a shared organization, its members. */
export function canReadUser(store: ZammadStore, viewer: UserRecord, target: UserRecord): boolean {
  if (viewer.id === target.id) return true;
  if (permits(store, viewer, 'admin.user') || isAgent(store, viewer)) return true;
  if (viewer.organization_id === null || viewer.organization_id !== target.organization_id) return false;
  return store.organization(viewer.organization_id)?.shared === true;
}

/** User admins change anyone; agents change customers (not other agents or admins) and themselves. */
export function canChangeUser(store: ZammadStore, viewer: UserRecord, target: UserRecord): boolean {
  if (permits(store, viewer, 'admin.user')) return true;
  if (viewer.id === target.id) return true;
  if (!isAgent(store, viewer)) return false;
  return !isAgent(store, target) && !isAdmin(store, target);
}

export function canReadOrganization(store: ZammadStore, viewer: UserRecord, organization: OrganizationRecord): boolean {
  if (permits(store, viewer, 'admin.organization') || isAgent(store, viewer)) return true;
  return viewer.organization_id === organization.id;
}
