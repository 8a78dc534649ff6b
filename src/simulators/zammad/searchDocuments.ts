import type { FieldKind, SearchDocument, SearchSchema, SearchValue } from './matchSearchQuery.js';
import type { OrganizationRecord, TicketRecord, UserRecord } from './ZammadRecords.js';
import type { ZammadStore } from './ZammadStore.js';

/**
 * What Zammad indexes per record: its own columns plus the records it points at, as nested
 * objects (`customer.email`, `state.name`, `article.body`), and a ticket's `tags`.
 */

const PEOPLE = ['owner', 'customer', 'created_by', 'updated_by'] as const;
const PERSON_FIELDS = ['login', 'firstname', 'lastname', 'email'] as const;

const ticketColumns: Record<string, FieldKind> = {
  id: 'number', number: 'keyword', title: 'text', note: 'text',
  group_id: 'number', priority_id: 'number', state_id: 'number', organization_id: 'number', owner_id: 'number', customer_id: 'number',
  create_article_type_id: 'number', create_article_sender_id: 'number', article_count: 'number', created_by_id: 'number', updated_by_id: 'number',
  first_response_at: 'date', close_at: 'date', last_contact_at: 'date', escalation_at: 'date', pending_time: 'date', created_at: 'date', updated_at: 'date',
};

/** Columns `sort_by` accepts (Zammad refuses anything that is not a column of the table). */
export const ticketSortColumns: ReadonlySet<string> = new Set(Object.keys(ticketColumns));

export const ticketSearchSchema: SearchSchema = {
  fields: {
    ...ticketColumns,
    tags: 'keyword',
    'group.name': 'text', 'state.name': 'text', 'priority.name': 'text', 'organization.name': 'text',
    ...Object.fromEntries(PEOPLE.flatMap((p) => PERSON_FIELDS.map((f) => [`${p}.${f}`, 'text' as FieldKind]))),
    'article.body': 'text', 'article.subject': 'text', 'article.from': 'text', 'article.to': 'text', 'article.cc': 'text',
    'article.type': 'text', 'article.sender': 'text', 'article.internal': 'boolean',
  },
  // Zammad leaves the default field at `*`; numeric ids are left out here so a bare "2" does not hit every group 2 ticket.
  defaultFields: [
    'number', 'title', 'note', 'tags', 'group.name', 'state.name', 'priority.name', 'organization.name',
    ...PEOPLE.slice(0, 2).flatMap((p) => PERSON_FIELDS.map((f) => `${p}.${f}`)),
    'article.body', 'article.subject', 'article.from', 'article.to', 'article.cc',
  ],
};

/** A ticket as indexed. `includeInternal` false leaves internal articles out (what a customer may match on). */
export function ticketSearchDocument(store: ZammadStore, ticket: TicketRecord, includeInternal: boolean): SearchDocument {
  const doc: Record<string, SearchValue[]> = {};
  for (const column of Object.keys(ticketColumns)) doc[column] = [(ticket as unknown as Record<string, SearchValue>)[column] ?? null];
  const articles = store.articlesOf(ticket.id);
  doc.article_count = [articles.length];
  doc.tags = [...ticket.tags];
  doc['group.name'] = [store.group(ticket.group_id)?.name ?? null];
  doc['state.name'] = [store.state(ticket.state_id)?.name ?? null];
  doc['priority.name'] = [store.priority(ticket.priority_id)?.name ?? null];
  doc['organization.name'] = [ticket.organization_id === null ? null : store.organization(ticket.organization_id)?.name ?? null];
  for (const person of PEOPLE) {
    const user = store.user(ticket[`${person}_id`]);
    for (const field of PERSON_FIELDS) doc[`${person}.${field}`] = [user?.[field] ?? null];
  }
  const visible = articles.filter((a) => includeInternal || !a.internal);
  doc['article.body'] = visible.map((a) => a.body);
  doc['article.subject'] = visible.map((a) => a.subject);
  doc['article.from'] = visible.map((a) => a.from);
  doc['article.to'] = visible.map((a) => a.to);
  doc['article.cc'] = visible.map((a) => a.cc);
  doc['article.type'] = visible.map((a) => store.articleTypes.find((t) => t.id === a.type_id)?.name ?? null);
  doc['article.sender'] = visible.map((a) => store.articleSenders.find((s) => s.id === a.sender_id)?.name ?? null);
  doc['article.internal'] = visible.map((a) => a.internal);
  return doc;
}

const userColumns: Record<string, FieldKind> = {
  id: 'number', login: 'text', firstname: 'text', lastname: 'text', email: 'text', phone: 'text', mobile: 'text', note: 'text',
  organization_id: 'number', active: 'boolean', vip: 'boolean', created_at: 'date', updated_at: 'date',
};

export const userSortColumns: ReadonlySet<string> = new Set(Object.keys(userColumns));

export const userSearchSchema: SearchSchema = {
  fields: { ...userColumns, role_ids: 'number', 'organization.name': 'text' },
  defaultFields: ['login', 'firstname', 'lastname', 'email', 'phone', 'mobile', 'note', 'organization.name'],
};

export function userSearchDocument(store: ZammadStore, user: UserRecord): SearchDocument {
  const doc: Record<string, SearchValue[]> = {};
  for (const column of Object.keys(userColumns)) doc[column] = [(user as unknown as Record<string, SearchValue>)[column] ?? null];
  doc.role_ids = [...user.role_ids];
  doc['organization.name'] = [user.organization_id === null ? null : store.organization(user.organization_id)?.name ?? null];
  return doc;
}

const organizationColumns: Record<string, FieldKind> = {
  id: 'number', name: 'text', shared: 'boolean', domain: 'text', domain_assignment: 'boolean', active: 'boolean', note: 'text',
  created_at: 'date', updated_at: 'date',
};

export const organizationSortColumns: ReadonlySet<string> = new Set(Object.keys(organizationColumns));

export const organizationSearchSchema: SearchSchema = {
  fields: { ...organizationColumns, 'members.email': 'text', 'members.login': 'text' },
  defaultFields: ['name', 'domain', 'note', 'members.email'],
};

export function organizationSearchDocument(store: ZammadStore, organization: OrganizationRecord): SearchDocument {
  const doc: Record<string, SearchValue[]> = {};
  for (const column of Object.keys(organizationColumns)) doc[column] = [(organization as unknown as Record<string, SearchValue>)[column] ?? null];
  const members = store.users().filter((u) => u.organization_id === organization.id);
  doc['members.email'] = members.map((u) => u.email);
  doc['members.login'] = members.map((u) => u.login);
  return doc;
}
