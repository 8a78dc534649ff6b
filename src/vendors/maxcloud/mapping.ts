import { decodeJwt } from 'jose';
import type {
  MaxCloudCompanyModel,
  MaxCloudSessionModel,
  MaxCloudTicketModel,
  MaxCloudUserModel,
  PersonModel,
  TicketPriority,
  TicketStatus,
} from '../../models.js';
import type { RawCompany, RawLogin, RawSwitch, RawTicket } from './types.js';
import { zonedIsoUtc } from './zonedTime.js';

/**
 * Pure mapping from MaxCloud's payloads to Tessera's model. MaxCloud's times carry no zone;
 * every function that reads one takes the zone (`MAXCLOUD_TIME_ZONE`, default Asia/Shanghai).
 */

const source = 'MAXCLOUD' as const;

/**
 * MaxCloud's ticket states. The doc shows only `open`; the rest is the vocabulary the
 * simulator uses (and the console's wording suggests): new, open, pending, resolved, closed.
 */
const statusByState: Record<string, TicketStatus> = {
  new: 'NEW',
  open: 'OPEN',
  pending: 'PENDING',
  resolved: 'RESOLVED',
  closed: 'CLOSED',
};

/** The normalized status of a state; a state outside the known vocabulary counts as OPEN (someone should look at it). */
export function statusOfState(state: string): TicketStatus {
  return statusByState[state.trim().toLowerCase()] ?? 'OPEN';
}

/** The MaxCloud state that a normalized status stands for (each status has exactly one). */
export function stateOfStatus(status: TicketStatus): string {
  const state = Object.entries(statusByState).find(([, s]) => s === status)?.[0];
  if (state === undefined) throw new RangeError(`No MaxCloud state for ${status}`);
  return state;
}

/** MaxCloud's integer priority (the doc shows `2`): 1 low, 2 normal, 3 high, 4 urgent; anything else NORMAL. */
const priorityByRank: Record<string, TicketPriority> = { '1': 'LOW', '2': 'NORMAL', '3': 'HIGH', '4': 'URGENT' };

export function priorityOf(vendorPriority: string | null): TicketPriority | null {
  if (vendorPriority === null) return null;
  return priorityByRank[vendorPriority.trim()] ?? 'NORMAL';
}

/** An e-mail address as a Person; null for `""`. MaxCloud knows people only by address. */
export function personOf(email: string): PersonModel | null {
  const address = email.trim().toLowerCase();
  return address === '' ? null : { email: address, name: null };
}

export function ticketOf(raw: RawTicket, timeZone: string): MaxCloudTicketModel {
  const vendorPriority = raw.priority;
  const notified = new Map<string, PersonModel>();
  for (const person of raw.notification_list.map(personOf)) if (person && !notified.has(person.email)) notified.set(person.email, person);
  return {
    kind: 'MaxCloudTicket',
    source,
    nativeId: raw.id,
    title: raw.subject,
    content: raw.content === '' ? null : raw.content,
    contentType: raw.content_type.trim() || null,
    status: statusOfState(raw.state),
    vendorStatus: raw.state,
    priority: priorityOf(vendorPriority),
    vendorPriority,
    companyNativeId: raw.company_id,
    team: raw.team_id === '0' ? null : { nativeId: raw.team_id, name: raw.team_name.trim() || null },
    createdBy: personOf(raw.created_by),
    assignedTo: personOf(raw.assigned_to),
    updatedBy: personOf(raw.updated_by),
    notificationList: [...notified.values()],
    commentCount: raw.comment_count,
    rootCause: raw.root_cause.trim() || null,
    resources: raw.resources,
    tips: raw.tips.trim() || null,
    groupTag: raw.group_tag.trim() || null,
    labels: raw.labels,
    createdAt: zonedIsoUtc(raw.created_at, timeZone),
    updatedAt: raw.updated_at === null ? null : zonedIsoUtc(raw.updated_at, timeZone),
  };
}

export function companyOf(raw: RawCompany, timeZone: string): MaxCloudCompanyModel {
  return {
    kind: 'MaxCloudCompany',
    source,
    nativeId: raw.id,
    name: raw.name.trim() || null,
    createdAt: raw.created_at === null ? null : zonedIsoUtc(raw.created_at, timeZone),
  };
}

/** A company known only by its ID (a ticket's, when no company list is at hand). */
export function companyById(nativeId: string): MaxCloudCompanyModel {
  return { kind: 'MaxCloudCompany', source, nativeId, name: null, createdAt: null };
}

/**
 * A session from a login or switch answer. `account` is the login answer that knows the
 * user's ID and flags (the login itself, or the login a switch followed); a switch alone
 * knows only the e-mail address.
 */
export function sessionOf(answer: RawSwitch, timeZone: string, account?: RawLogin): MaxCloudSessionModel {
  const user: MaxCloudUserModel = {
    nativeId: account?.id ?? null,
    email: answer.email.trim().toLowerCase(),
    groupAdmin: account?.group_admin ?? null,
    admin: account?.admin ?? null,
    changePassword: account?.change_password ?? null,
  };
  return {
    token: answer.token,
    expiresAt: expiryOf(answer.token),
    user,
    company: companyOf(answer.company, timeZone),
    companies: answer.all_company.map((company) => companyOf(company, timeZone)),
  };
}

/**
 * When a token expires, if it says so. MaxCloud documents no lifetime and its tokens are
 * opaque in the doc; should one be a JWT with `exp`, that is used. Null otherwise.
 */
export function expiryOf(token: string): string | null {
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) return null;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000).toISOString() : null;
  } catch {
    return null;
  }
}
