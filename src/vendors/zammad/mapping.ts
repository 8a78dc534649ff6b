import { BadUserInputError } from '../../errors.js';
import type {
  TicketPriority,
  TicketStatus,
  ZammadArticleModel,
  ZammadAttachmentModel,
  ZammadGroupModel,
  ZammadOrganizationModel,
  ZammadTicketModel,
  ZammadTicketPriorityModel,
  ZammadTicketStateModel,
  ZammadUserModel,
} from '../../models.js';
import { isoUtc } from '../shared/isoUtc.js';
import type {
  RawArticle,
  RawArticleWrite,
  RawAttachment,
  RawGroup,
  RawOrganization,
  RawTicket,
  RawTicketCreate,
  RawTicketPriority,
  RawTicketSearchAssets,
  RawTicketState,
  RawTicketUpdate,
  RawUser,
  RawUserWrite,
} from './types.js';

/** Pure mapping between Zammad's payloads and Tessera's model, both ways. Zammad times are UTC with `Z`. */

const source = 'ZAMMAD' as const;

/** Zammad's user 1 is the "-" placeholder: an owner_id of 1 means nobody owns the ticket. */
export const NOBODY_USER_ID = '1';

/** Zammad's state types, normalized. Custom states always have one of these types. */
const statusByStateType: Record<string, TicketStatus> = {
  new: 'NEW',
  open: 'OPEN',
  'pending reminder': 'PENDING',
  'pending action': 'PENDING',
  closed: 'CLOSED',
  merged: 'CLOSED',
  removed: 'CLOSED',
};

/** The normalized status of a state type; a type Zammad does not ship (none known) counts as OPEN. */
export function statusOfStateType(stateType: string): TicketStatus {
  return statusByStateType[stateType.trim().toLowerCase()] ?? 'OPEN';
}

/**
 * The normalized priority of a Zammad priority. Zammad ships `1 low`, `2 normal`, `3 high`, and
 * an instance may add or rename its own: the words low/normal/high/urgent (or critical) decide,
 * else the leading number (1 low … 4 and above urgent); anything else is NORMAL.
 */
export function priorityOfName(name: string | null): TicketPriority | null {
  if (name === null) return null;
  const text = name.trim().toLowerCase();
  const word = /\b(low|normal|high|urgent|critical)\b/.exec(text)?.[1];
  if (word) return word === 'critical' ? 'URGENT' : (word.toUpperCase() as TicketPriority);
  const rank = Number(/^(\d+)/.exec(text)?.[1]);
  if (Number.isInteger(rank) && rank >= 1) return rank === 1 ? 'LOW' : rank === 2 ? 'NORMAL' : rank === 3 ? 'HIGH' : 'URGENT';
  return 'NORMAL';
}

export function ticketOf(raw: RawTicket): ZammadTicketModel {
  return {
    kind: 'ZammadTicket',
    source,
    nativeId: raw.id,
    number: raw.number,
    title: raw.title,
    state: { kind: 'ZammadTicketState', source, nativeId: raw.state_id, name: raw.state, detail: null },
    group: { kind: 'ZammadGroup', source, nativeId: raw.group_id, name: raw.group, detail: null },
    priority: { kind: 'ZammadTicketPriority', source, nativeId: raw.priority_id, name: raw.priority, detail: null },
    normalizedPriority: priorityOfName(raw.priority),
    organizationNativeId: raw.organization_id,
    customerNativeId: raw.customer_id,
    ownerNativeId: raw.owner_id === null || raw.owner_id === NOBODY_USER_ID ? null : raw.owner_id,
    createdByNativeId: raw.created_by_id,
    updatedByNativeId: raw.updated_by_id,
    note: raw.note,
    articleCount: raw.article_count,
    tags: raw.tags ?? null,
    firstResponseAt: isoUtc(raw.first_response_at),
    closeAt: isoUtc(raw.close_at),
    lastContactAt: isoUtc(raw.last_contact_at),
    escalationAt: isoUtc(raw.escalation_at),
    pendingTime: isoUtc(raw.pending_time),
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
  };
}

/** A ticket search answered with assets, in model terms: the page's tickets and what the assets also held. */
export interface ZammadTicketAssets {
  tickets: ZammadTicketModel[];
  total: number | null;
  users: ZammadUserModel[];
  organizations: ZammadOrganizationModel[];
  groups: ZammadGroupModel[];
}

/**
 * The tickets of an answer with assets, their groups named from the assets' groups; their states
 * and priorities stay unnamed (assets hold neither: see `namedTicket`). Users are named their
 * roles when the assets hold every one of them (Zammad adds them; a role left out leaves `roles` null).
 */
export function ticketAssetsOf(raw: RawTicketSearchAssets): ZammadTicketAssets {
  const groupNames = new Map(raw.groupNames.map((group) => [group.id, group.name]));
  const roleNames = new Map(raw.roles.map((role) => [role.id, role.name]));
  const rolesOf = (ids: string[]) => (ids.every((id) => roleNames.has(id)) ? ids.map((id) => roleNames.get(id)!) : null);
  return {
    tickets: raw.tickets.map((ticket) => ticketOf({ ...ticket, group: ticket.group ?? groupNames.get(ticket.group_id) ?? null })),
    total: raw.total,
    users: raw.users.map((user) => userOf({ ...user, roles: user.roles ?? rolesOf(user.role_ids) })),
    organizations: raw.organizations.map(organizationOf),
    groups: raw.groups.map(groupOf),
  };
}

/**
 * The ticket with its state and priority as the lists have them (names and detail), where the
 * ticket came without their names. A state or priority the lists lack stays as it was.
 */
export function namedTicket(ticket: ZammadTicketModel, states: ZammadTicketStateModel[] | null, priorities: ZammadTicketPriorityModel[] | null): ZammadTicketModel {
  const state = ticket.state.name === null ? states?.find((candidate) => candidate.nativeId === ticket.state.nativeId) : undefined;
  const priority = ticket.priority.name === null ? priorities?.find((candidate) => candidate.nativeId === ticket.priority.nativeId) : undefined;
  if (!state && !priority) return ticket;
  return {
    ...ticket,
    ...(state && { state }),
    ...(priority && { priority, normalizedPriority: priorityOfName(priority.name) }),
  };
}

export function ticketStateOf(raw: RawTicketState): ZammadTicketStateModel {
  return {
    kind: 'ZammadTicketState',
    source,
    nativeId: raw.id,
    name: raw.name,
    // Without `expand` only the type's ID would come; Tessera always expands.
    detail: { stateType: raw.state_type ?? 'open', active: raw.active, note: raw.note },
  };
}

export function ticketPriorityOf(raw: RawTicketPriority): ZammadTicketPriorityModel {
  return { kind: 'ZammadTicketPriority', source, nativeId: raw.id, name: raw.name, detail: { active: raw.active, note: raw.note } };
}

export function groupOf(raw: RawGroup): ZammadGroupModel {
  return {
    kind: 'ZammadGroup',
    source,
    nativeId: raw.id,
    name: raw.name,
    detail: { active: raw.active, note: raw.note, createdAt: isoUtc(raw.created_at), updatedAt: isoUtc(raw.updated_at) },
  };
}

export function userOf(raw: RawUser): ZammadUserModel {
  const email = raw.email?.trim().toLowerCase();
  const firstname = raw.firstname?.trim() || null;
  const lastname = raw.lastname?.trim() || null;
  return {
    kind: 'ZammadUser',
    source,
    nativeId: raw.id,
    login: raw.login,
    firstname,
    lastname,
    name: [firstname, lastname].filter(Boolean).join(' ') || null,
    email: email || null,
    organizationNativeId: raw.organization_id,
    active: raw.active,
    vip: raw.vip,
    phone: raw.phone || null,
    mobile: raw.mobile || null,
    note: raw.note || null,
    roles: raw.roles,
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
  };
}

export function organizationOf(raw: RawOrganization): ZammadOrganizationModel {
  return {
    kind: 'ZammadOrganization',
    source,
    nativeId: raw.id,
    name: raw.name,
    shared: raw.shared,
    domain: raw.domain || null,
    active: raw.active,
    note: raw.note || null,
    memberNativeIds: raw.member_ids,
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
  };
}

export function articleOf(raw: RawArticle): ZammadArticleModel {
  return {
    kind: 'ZammadArticle',
    source,
    nativeId: raw.id,
    ticketNativeId: raw.ticket_id,
    type: raw.type,
    sender: raw.sender,
    from: raw.from || null,
    to: raw.to || null,
    cc: raw.cc || null,
    subject: raw.subject || null,
    body: raw.body,
    contentType: raw.content_type,
    internal: raw.internal,
    createdByNativeId: raw.created_by_id,
    createdAt: isoUtc(raw.created_at),
    attachments: raw.attachments.map((attachment) => attachmentOf(attachment, raw)),
  };
}

export function attachmentOf(raw: RawAttachment, article: Pick<RawArticle, 'id' | 'ticket_id'>): ZammadAttachmentModel {
  const type = raw.preferences['Content-Type'] ?? raw.preferences['Mime-Type'] ?? raw.preferences['content_type'];
  return {
    kind: 'ZammadAttachment',
    source,
    nativeId: raw.id,
    ticketNativeId: article.ticket_id,
    articleNativeId: article.id,
    filename: raw.filename,
    size: raw.size,
    contentType: typeof type === 'string' && type !== '' ? type : null,
  };
}

// --- writes: model-terms input → Zammad's bodies ---

export interface ZammadAttachmentInput {
  filename: string;
  /** The file's bytes, base64-encoded. */
  contentBase64: string;
  /** Default `application/octet-stream`. */
  mimeType?: string | null;
}

export interface ZammadArticleInput {
  subject?: string | null;
  body: string;
  /** Default TEXT. */
  contentType?: 'TEXT' | 'HTML' | null;
  /** Zammad's article type name (`note`, `email`, `phone`, `web`); Zammad's default is `note`. */
  type?: string | null;
  /** Zammad's default: false. */
  internal?: boolean | null;
  /** `Agent`, `Customer` or `System`; Zammad decides from the caller's role when absent. */
  sender?: string | null;
  to?: string | null;
  cc?: string | null;
  attachments?: readonly ZammadAttachmentInput[] | null;
}

export interface NewZammadTicket {
  title: string;
  /** The group's name. */
  group: string;
  /** The customer's e-mail address; Zammad creates the customer when it knows none. */
  customer: string;
  state?: string | null;
  priority?: string | null;
  /** The owner's login or e-mail address. */
  owner?: string | null;
  note?: string | null;
  tags?: readonly string[] | null;
  /** The first article. */
  article: ZammadArticleInput;
}

export interface ZammadTicketChanges {
  title?: string | null;
  group?: string | null;
  state?: string | null;
  priority?: string | null;
  /** The new owner's login or e-mail address. */
  owner?: string | null;
  /** Takes the ticket away from its owner. */
  unassign?: boolean | null;
  /** The new customer's login or e-mail address. */
  customer?: string | null;
  note?: string | null;
  /** When a pending state ends. */
  pendingTime?: Date | null;
  /** An article to add in the same call. */
  article?: ZammadArticleInput | null;
}

export interface ZammadUserInput {
  login?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
  /** The organization's name. */
  organization?: string | null;
  phone?: string | null;
  mobile?: string | null;
  note?: string | null;
  vip?: boolean | null;
  active?: boolean | null;
  /** Role names (`Customer`, `Agent`, `Admin`); only admins may set them. */
  roles?: readonly string[] | null;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+$/;

/** A tag as Zammad stores it. `POST /tickets` joins tags with commas, so a tag may not contain one. */
export function checkTag(tag: string): string {
  const trimmed = tag.trim();
  if (trimmed === '' || trimmed.length > 255 || trimmed.includes(',')) {
    throw new BadUserInputError('A Zammad tag is 1–255 characters without commas.', { source, fieldErrors: [{ field: 'tags', message: 'invalid tag' }] });
  }
  return trimmed;
}

function checkEmail(value: string, field: string): string {
  const email = value.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new BadUserInputError(`"${field}" must be an e-mail address.`, { source, fieldErrors: [{ field, message: 'not an e-mail address' }] });
  return email;
}

export function articleBody(input: ZammadArticleInput): RawArticleWrite {
  return {
    body: input.body,
    content_type: input.contentType === 'HTML' ? 'text/html' : 'text/plain',
    ...(input.subject != null && { subject: input.subject }),
    ...(input.type != null && { type: input.type }),
    ...(input.internal != null && { internal: input.internal }),
    ...(input.sender != null && { sender: input.sender }),
    ...(input.to != null && { to: input.to }),
    ...(input.cc != null && { cc: input.cc }),
    ...(input.attachments?.length && {
      attachments: input.attachments.map((file, i) => {
        const data = file.contentBase64.replace(/\s+/g, '');
        if (!BASE64.test(data)) {
          throw new BadUserInputError(`Attachment ${i + 1} ("${file.filename.slice(0, 80)}") is not valid base64.`, {
            source,
            fieldErrors: [{ field: `attachments.${i}.contentBase64`, message: 'not valid base64' }],
          });
        }
        return { filename: file.filename, data, 'mime-type': file.mimeType?.trim() || 'application/octet-stream' };
      }),
    }),
  };
}

export function newTicketBody(input: NewZammadTicket): RawTicketCreate {
  const tags = (input.tags ?? []).map(checkTag);
  return {
    title: input.title,
    group: input.group,
    customer_id: `guess:${checkEmail(input.customer, 'customer')}`,
    ...(input.state != null && { state: input.state }),
    ...(input.priority != null && { priority: input.priority }),
    ...(input.owner != null && { owner: input.owner.trim() }),
    ...(input.note != null && { note: input.note }),
    ...(tags.length > 0 && { tags: tags.join(',') }),
    article: articleBody(input.article),
  };
}

/** Only the fields to change; null when there is nothing to change. */
export function ticketUpdateBody(changes: ZammadTicketChanges): RawTicketUpdate | null {
  if (changes.unassign && changes.owner != null) throw new BadUserInputError('Give either "owner" or "unassign", not both.', { source });
  const body: RawTicketUpdate = {
    ...(changes.title != null && { title: changes.title }),
    ...(changes.group != null && { group: changes.group }),
    ...(changes.state != null && { state: changes.state }),
    ...(changes.priority != null && { priority: changes.priority }),
    ...(changes.owner != null && { owner: changes.owner.trim() }),
    ...(changes.unassign && { owner_id: Number(NOBODY_USER_ID) }),
    ...(changes.customer != null && { customer: changes.customer.trim() }),
    ...(changes.note != null && { note: changes.note }),
    ...(changes.pendingTime != null && { pending_time: changes.pendingTime.toISOString() }),
    ...(changes.article != null && { article: articleBody(changes.article) }),
  };
  return Object.keys(body).length > 0 ? body : null;
}

export function userBody(input: ZammadUserInput): RawUserWrite {
  return {
    ...(input.login != null && { login: input.login.trim() }),
    ...(input.firstname != null && { firstname: input.firstname }),
    ...(input.lastname != null && { lastname: input.lastname }),
    ...(input.email != null && { email: checkEmail(input.email, 'email') }),
    ...(input.organization != null && { organization: input.organization }),
    ...(input.phone != null && { phone: input.phone }),
    ...(input.mobile != null && { mobile: input.mobile }),
    ...(input.note != null && { note: input.note }),
    ...(input.vip != null && { vip: input.vip }),
    ...(input.active != null && { active: input.active }),
    ...(input.roles != null && { roles: [...input.roles] }),
  };
}
