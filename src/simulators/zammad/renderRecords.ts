import type { ArticleRecord, GroupRecord, OrganizationRecord, PriorityRecord, StateRecord, TicketRecord, UserRecord } from './ZammadRecords.js';
import type { ZammadStore } from './ZammadStore.js';

/** Rails renders times as ISO-8601 UTC with milliseconds: `2016-08-16T07:55:42.119Z`. */
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** `attributes_with_association_ids` of a ticket. */
export function ticketAttributes(store: ZammadStore, ticket: TicketRecord) {
  const articles = store.articlesOf(ticket.id);
  return {
    id: ticket.id,
    group_id: ticket.group_id,
    priority_id: ticket.priority_id,
    state_id: ticket.state_id,
    organization_id: ticket.organization_id,
    number: ticket.number,
    title: ticket.title,
    owner_id: ticket.owner_id,
    customer_id: ticket.customer_id,
    note: ticket.note,
    first_response_at: iso(ticket.first_response_at),
    close_at: iso(ticket.close_at),
    last_contact_at: iso(ticket.last_contact_at),
    create_article_type_id: ticket.create_article_type_id,
    create_article_sender_id: ticket.create_article_sender_id,
    // Zammad counts every article, internal notes included.
    article_count: articles.length,
    escalation_at: iso(ticket.escalation_at),
    pending_time: iso(ticket.pending_time),
    created_by_id: ticket.created_by_id,
    updated_by_id: ticket.updated_by_id,
    created_at: iso(ticket.created_at),
    updated_at: iso(ticket.updated_at),
    article_ids: articles.map((a) => a.id),
  };
}

const loginOf = (store: ZammadStore, id: number | null): string | null => (id === null ? null : store.user(id)?.login ?? null);

/** `attributes_with_association_names`: the ids plus the names (logins for users) of what they point at. */
export function ticketExpanded(store: ZammadStore, ticket: TicketRecord) {
  return {
    ...ticketAttributes(store, ticket),
    group: store.group(ticket.group_id)?.name ?? null,
    organization: ticket.organization_id === null ? null : store.organization(ticket.organization_id)?.name ?? null,
    state: store.state(ticket.state_id)?.name ?? null,
    priority: store.priority(ticket.priority_id)?.name ?? null,
    owner: loginOf(store, ticket.owner_id),
    customer: loginOf(store, ticket.customer_id),
    created_by: loginOf(store, ticket.created_by_id),
    updated_by: loginOf(store, ticket.updated_by_id),
    create_article_type: store.articleTypes.find((t) => t.id === ticket.create_article_type_id)?.name ?? null,
    create_article_sender: store.articleSenders.find((s) => s.id === ticket.create_article_sender_id)?.name ?? null,
  };
}

/** Articles always come with their type, sender and author names, as `by_ticket` and `show` render them. */
export function articleAttributes(store: ZammadStore, article: ArticleRecord) {
  return {
    id: article.id,
    ticket_id: article.ticket_id,
    type_id: article.type_id,
    sender_id: article.sender_id,
    from: article.from,
    to: article.to,
    cc: article.cc,
    subject: article.subject,
    reply_to: null,
    message_id: null,
    in_reply_to: null,
    content_type: article.content_type,
    body: article.body,
    internal: article.internal,
    preferences: {},
    created_by_id: article.created_by_id,
    updated_by_id: article.updated_by_id,
    origin_by_id: null,
    created_at: iso(article.created_at),
    updated_at: iso(article.updated_at),
    // Zammad renders the size as a string (it is stored that way in Store::File).
    attachments: article.attachments.map((file) => ({
      id: file.id,
      filename: file.filename,
      size: String(file.content.length),
      preferences: { ...file.preferences },
    })),
    type: store.articleTypes.find((t) => t.id === article.type_id)?.name ?? null,
    sender: store.articleSenders.find((s) => s.id === article.sender_id)?.name ?? null,
    created_by: loginOf(store, article.created_by_id),
    updated_by: loginOf(store, article.updated_by_id),
  };
}

/**
 * Users' `group_ids` are rendered the way Zammad 4+ renders them: a map of group id (as a
 * string key) to access levels, `{"1": ["full"], "3": ["read"]}`, not a plain id list.
 */
export function userAttributes(user: UserRecord) {
  return {
    id: user.id,
    organization_id: user.organization_id,
    login: user.login,
    firstname: user.firstname,
    lastname: user.lastname,
    email: user.email,
    image: null,
    web: '',
    phone: user.phone,
    fax: '',
    mobile: user.mobile,
    department: '',
    vip: user.vip,
    verified: false,
    active: user.active,
    note: user.note,
    last_login: null,
    out_of_office: false,
    preferences: {},
    updated_by_id: user.updated_by_id,
    created_by_id: user.created_by_id,
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
    role_ids: [...user.role_ids],
    organization_ids: [] as number[],
    group_ids: Object.fromEntries([...user.group_access.entries()].sort(([a], [b]) => a - b).map(([id, access]) => [String(id), [...access]])),
  };
}

/** Expanded users name their roles, their groups (name → access levels) and their organization. */
export function userExpanded(store: ZammadStore, user: UserRecord) {
  return {
    ...userAttributes(user),
    roles: user.role_ids.map((id) => store.roles.find((r) => r.id === id)?.name).filter((n): n is string => n !== undefined),
    groups: Object.fromEntries(
      [...user.group_access.entries()].sort(([a], [b]) => a - b).flatMap(([id, access]) => {
        const name = store.group(id)?.name;
        return name === undefined ? [] : [[name, [...access]]];
      }),
    ),
    organization: user.organization_id === null ? null : store.organization(user.organization_id)?.name ?? null,
    organizations: [] as string[],
    created_by: loginOf(store, user.created_by_id),
    updated_by: loginOf(store, user.updated_by_id),
  };
}

function memberIds(store: ZammadStore, organization: OrganizationRecord): number[] {
  return store.users().filter((u) => u.organization_id === organization.id).map((u) => u.id);
}

export function organizationAttributes(store: ZammadStore, organization: OrganizationRecord) {
  return {
    id: organization.id,
    name: organization.name,
    shared: organization.shared,
    domain: organization.domain,
    domain_assignment: organization.domain_assignment,
    active: organization.active,
    vip: false,
    note: organization.note,
    updated_by_id: organization.updated_by_id,
    created_by_id: organization.created_by_id,
    created_at: iso(organization.created_at),
    updated_at: iso(organization.updated_at),
    member_ids: memberIds(store, organization),
  };
}

export function organizationExpanded(store: ZammadStore, organization: OrganizationRecord) {
  return {
    ...organizationAttributes(store, organization),
    members: memberIds(store, organization).map((id) => store.user(id)?.login ?? ''),
    created_by: loginOf(store, organization.created_by_id),
    updated_by: loginOf(store, organization.updated_by_id),
  };
}

export function groupAttributes(store: ZammadStore, group: GroupRecord) {
  return {
    id: group.id,
    name: group.name,
    assignment_timeout: group.assignment_timeout,
    follow_up_possible: group.follow_up_possible,
    follow_up_assignment: group.follow_up_assignment,
    email_address_id: group.email_address_id,
    signature_id: group.signature_id,
    note: group.note,
    active: group.active,
    updated_by_id: group.updated_by_id,
    created_by_id: group.created_by_id,
    created_at: iso(group.created_at),
    updated_at: iso(group.updated_at),
    user_ids: store.users().filter((u) => u.group_access.has(group.id)).map((u) => u.id),
  };
}

export function groupExpanded(store: ZammadStore, group: GroupRecord) {
  return { ...groupAttributes(store, group), users: groupAttributes(store, group).user_ids.map((id) => store.user(id)?.login ?? '') };
}

/** States and priorities carry no timestamps of interest: the seed's install time. */
const INSTALLED_AT = '2025-03-03T08:00:00.000Z';

export function stateAttributes(state: StateRecord) {
  return { ...state, created_by_id: 1, updated_by_id: 1, created_at: INSTALLED_AT, updated_at: INSTALLED_AT };
}

export function stateExpanded(store: ZammadStore, state: StateRecord) {
  return {
    ...stateAttributes(state),
    state_type: store.stateTypes.find((t) => t.id === state.state_type_id)?.name ?? null,
    next_state: state.next_state_id === null ? null : store.state(state.next_state_id)?.name ?? null,
  };
}

export function priorityAttributes(priority: PriorityRecord) {
  return { ...priority, created_by_id: 1, updated_by_id: 1, created_at: INSTALLED_AT, updated_at: INSTALLED_AT };
}
