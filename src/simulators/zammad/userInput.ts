import { isAgent, permits } from './permissions.js';
import { ROLE_CUSTOMER } from './referenceData.js';
import type { ZammadContext } from './ZammadContext.js';
import { flag } from './ZammadContext.js';
import { noLookupValue, unprocessable, ZammadError } from './ZammadError.js';
import type { GroupAccess, UserRecord } from './ZammadRecords.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ACCESS_LEVELS: readonly GroupAccess[] = ['full', 'read', 'change', 'overview', 'create'];

const given = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

function roleIdsOf(ctx: ZammadContext, params: Record<string, unknown>): number[] | undefined {
  if (Array.isArray(params.role_ids)) return params.role_ids.map(Number);
  if (Array.isArray(params.roles)) {
    return params.roles.map((name) => {
      const role = ctx.store.roles.find((r) => r.name === name);
      if (!role) throw noLookupValue('roles', name);
      return role.id;
    });
  }
  return undefined;
}

/** `group_ids` as Zammad takes it: `{"1": ["full"]}`, or a plain id list meaning full access. */
function groupAccessOf(ctx: ZammadContext, params: Record<string, unknown>): Map<number, GroupAccess[]> | undefined {
  const raw = params.group_ids;
  if (raw === undefined || raw === null) return undefined;
  const entries: Array<[number, GroupAccess[]]> = Array.isArray(raw)
    ? raw.map((id) => [Number(id), ['full']])
    : Object.entries(raw as Record<string, unknown>).map(([id, access]) => [
      Number(id),
      (Array.isArray(access) ? access : [access]).map(String).filter((a): a is GroupAccess => (ACCESS_LEVELS as readonly string[]).includes(a)),
    ]);
  for (const [id] of entries) if (!ctx.store.group(id)) throw noLookupValue('group_ids', id);
  return new Map(entries);
}

/**
 * ChecksUserAttributesByCurrentUserPermission: only user admins assign roles and groups; an agent
 * may create customers but not give anyone the Agent or Admin role.
 */
function checkPrivileged(ctx: ZammadContext, actor: UserRecord, roleIds: number[] | undefined, groups: Map<number, GroupAccess[]> | undefined): void {
  if (permits(ctx.store, actor, 'admin.user')) return;
  if (roleIds && roleIds.some((id) => id !== ROLE_CUSTOMER)) throw new ZammadError('forbidden', 'This role assignment is only allowed by admin!');
  if (groups && groups.size > 0) throw new ZammadError('forbidden', 'This group assignment is only allowed by admin!');
}

function organizationIdOf(ctx: ZammadContext, params: Record<string, unknown>): number | null | undefined {
  if (params.organization_id === null) return null;
  if (given(params.organization_id)) {
    const id = Number(params.organization_id);
    if (!ctx.store.organization(id)) throw noLookupValue('organization_id', params.organization_id);
    return id;
  }
  if (given(params.organization)) {
    const found = ctx.store.organizations().find((o) => o.name === String(params.organization));
    if (!found) throw noLookupValue('organization', params.organization);
    return found.id;
  }
  return undefined;
}

function checkEmail(ctx: ZammadContext, email: string, self: UserRecord | undefined): void {
  if (email === '') return;
  if (!EMAIL.test(email)) throw unprocessable(`Invalid email '${email}'`);
  const other = ctx.store.userByEmail(email);
  if (other && other.id !== self?.id) throw unprocessable(`Email address '${email.toLowerCase()}' is already used for another user.`);
}

/** Zammad makes logins unique by appending a number. */
function uniqueLogin(ctx: ZammadContext, wanted: string, self?: UserRecord): string {
  let login = wanted.toLowerCase();
  for (let n = 1; ; n++) {
    const other = ctx.store.userByLoginOrEmail(login);
    if (!other || other.id === self?.id || other.login.toLowerCase() !== login) return login;
    login = `${wanted.toLowerCase()}${n}`;
  }
}

const text = (value: unknown, fallback: string): string => (value === undefined || value === null ? fallback : String(value));

/** UsersController#create for an authenticated agent or admin. New users are customers unless roles are given. */
export function createUser(ctx: ZammadContext, actor: UserRecord, params: Record<string, unknown>): UserRecord {
  if (!permits(ctx.store, actor, 'admin.user') && !isAgent(ctx.store, actor)) throw new ZammadError('forbidden', 'Not authorized');
  const roleIds = roleIdsOf(ctx, params);
  const groups = groupAccessOf(ctx, params);
  checkPrivileged(ctx, actor, roleIds, groups);
  const firstname = text(params.firstname, '').trim();
  const lastname = text(params.lastname, '').trim();
  const email = text(params.email, '').trim();
  const phone = text(params.phone, '');
  const mobile = text(params.mobile, '');
  if (![firstname, lastname, email, phone, mobile].some((v) => v !== '')) {
    throw unprocessable('At least one identifier (firstname, lastname, phone, mobile or email) for user is required.');
  }
  checkEmail(ctx, email, undefined);
  const now = ctx.clock.now();
  return ctx.store.addUser({
    login: uniqueLogin(ctx, text(params.login, '') || email || `${firstname}.${lastname}`.replace(/^\.|\.$/g, '')),
    firstname, lastname, email, phone, mobile,
    password: text(params.password, ''),
    organization_id: organizationIdOf(ctx, params) ?? null,
    active: params.active === undefined ? true : flag(params.active),
    vip: flag(params.vip),
    note: text(params.note, ''),
    role_ids: roleIds ?? [ROLE_CUSTOMER],
    group_access: groups ?? new Map(),
    created_by_id: actor.id,
    updated_by_id: actor.id,
    created_at: now,
    updated_at: now,
  });
}

/** UsersController#update: a partial update; roles and groups only by user admins. */
export function updateUser(ctx: ZammadContext, actor: UserRecord, user: UserRecord, params: Record<string, unknown>): void {
  const roleIds = roleIdsOf(ctx, params);
  const groups = groupAccessOf(ctx, params);
  checkPrivileged(ctx, actor, roleIds, groups);
  const email = params.email === undefined ? user.email : text(params.email, '').trim();
  checkEmail(ctx, email, user);
  const organizationId = organizationIdOf(ctx, params);
  if (params.login !== undefined) user.login = uniqueLogin(ctx, text(params.login, user.login), user);
  user.email = email;
  for (const key of ['firstname', 'lastname', 'phone', 'mobile', 'note'] as const) {
    if (params[key] !== undefined) user[key] = text(params[key], '');
  }
  if (params.password !== undefined && given(params.password)) user.password = String(params.password);
  if (params.active !== undefined) user.active = flag(params.active);
  if (params.vip !== undefined) user.vip = flag(params.vip);
  if (organizationId !== undefined) user.organization_id = organizationId;
  if (roleIds) user.role_ids = roleIds;
  if (groups) user.group_access = groups;
  user.updated_by_id = actor.id;
  user.updated_at = ctx.clock.now();
}
