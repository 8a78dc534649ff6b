import { z } from 'zod';
import { utcMillis } from '../shared/isoUtc.js';

/**
 * Zammad's raw payloads (REST API v1), with Zammad's own field names, as documented in
 * `shared/vendor-docs/zammad.md` and FACTS.md and as its controllers answer. Parsed on
 * arrival so a response of the wrong shape fails at the edge. Tessera asks for `expand=true`,
 * which adds the names of associated records (a user is named by its login, anything else by its
 * name), except on a ticket search that is better answered with `assets`
 * (`rawTicketSearchAssets`); the names are optional here because not every answer carries them.
 * Zammad has custom object attributes, so unknown fields are allowed and ignored.
 */

/** Zammad IDs are integers; older versions and some endpoints send them as strings. Kept as strings. */
export const zammadId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);
const nullableId = zammadId.nullable().optional().transform((v) => v ?? null);

/** ISO-8601 UTC with `Z` (`2016-08-16T07:55:42.119Z`). */
const timestamp = z.string().refine((value) => !Number.isNaN(utcMillis(value)), 'unreadable timestamp');
const nullableTimestamp = timestamp.nullable().optional().transform((v) => v ?? null);
const nullableText = z.string().nullable().optional().transform((v) => v ?? null);
/** Rails may serialise booleans of older columns as 0/1 or "true"/"false". */
const railsBoolean = z.preprocess((v) => (v === 1 || v === '1' || v === 'true' ? true : v === 0 || v === '0' || v === 'false' ? false : v), z.boolean());
const flag = (fallback: boolean) => railsBoolean.nullable().optional().transform((v) => v ?? fallback);
/** Expanded association names: `group`, `state`, `owner` (a login), … Absent without `expand`. */
const name = z.string().nullable().optional().transform((v) => v ?? null);

export const rawTicket = z.looseObject({
  id: zammadId,
  /** Zammad's ticket number, a string of digits (`31001`). */
  number: z.union([z.string(), z.number()]).transform(String),
  title: z.string(),
  group_id: zammadId,
  state_id: zammadId,
  priority_id: zammadId,
  organization_id: nullableId,
  /** 1 is Zammad's "-" user: nobody. */
  owner_id: nullableId,
  customer_id: zammadId,
  note: nullableText,
  first_response_at: nullableTimestamp,
  close_at: nullableTimestamp,
  last_contact_at: nullableTimestamp,
  escalation_at: nullableTimestamp,
  pending_time: nullableTimestamp,
  article_count: z.number().int().nonnegative().nullable().optional().transform((v) => v ?? null),
  created_by_id: zammadId,
  updated_by_id: zammadId,
  created_at: timestamp,
  updated_at: nullableTimestamp,
  group: name,
  state: name,
  priority: name,
  owner: name,
  customer: name,
  organization: name,
  created_by: name,
  updated_by: name,
  /** Not part of a ticket's attributes in Zammad's API (tags come from `/tags`); used when an answer has them. */
  tags: z.array(z.string()).optional(),
});
export type RawTicket = z.infer<typeof rawTicket>;

/**
 * A search answer. With `expand=true` Zammad sends a plain array; with `with_total_count=true`
 * some versions wrap it as `{records, total_count}` (FACTS: unconfirmed for tickets). Both are read.
 */
export function rawSearchResult<T extends z.ZodType>(record: T) {
  return z.union([
    z.array(record).transform((records) => ({ records, total: null as number | null })),
    z.looseObject({ records: z.array(record), total_count: z.number().int().nonnegative().nullable().optional() }).transform((page) => ({
      records: page.records,
      total: page.total_count ?? null,
    })),
  ]);
}

/** An attachment as listed on its article: Zammad's `Store#attributes_for_display`. */
export const rawAttachment = z.looseObject({
  id: zammadId,
  filename: z.string(),
  /** Bytes; Zammad stores it as a string column. */
  size: z.union([z.number(), z.string().regex(/^\d+$/)]).nullable().optional().transform((v) => (v === null || v === undefined ? null : Number(v))),
  /** `Content-Type` (and, from older versions, `Mime-Type`), among other keys. */
  preferences: z.record(z.string(), z.unknown()).nullable().optional().transform((v) => v ?? {}),
});
export type RawAttachment = z.infer<typeof rawAttachment>;

export const rawArticle = z.looseObject({
  id: zammadId,
  ticket_id: zammadId,
  type_id: nullableId,
  sender_id: nullableId,
  from: nullableText,
  to: nullableText,
  cc: nullableText,
  subject: nullableText,
  body: z.string().nullable().optional().transform((v) => v ?? ''),
  content_type: z.string().nullable().optional().transform((v) => v ?? 'text/plain'),
  internal: flag(false),
  created_by_id: nullableId,
  created_at: timestamp,
  updated_at: nullableTimestamp,
  attachments: z.array(rawAttachment).nullable().optional().transform((v) => v ?? []),
  /** Names: `note`, `email`, `phone`, `web`, … */
  type: name,
  /** `Agent`, `Customer` or `System`. */
  sender: name,
  created_by: name,
});
export type RawArticle = z.infer<typeof rawArticle>;

export const rawUser = z.looseObject({
  id: zammadId,
  login: z.string(),
  firstname: nullableText,
  lastname: nullableText,
  email: nullableText,
  organization_id: nullableId,
  active: flag(true),
  vip: flag(false),
  phone: nullableText,
  mobile: nullableText,
  note: nullableText,
  role_ids: z.array(zammadId).nullable().optional().transform((v) => v ?? []),
  created_at: timestamp,
  updated_at: nullableTimestamp,
  /** Role names (with `expand`). */
  roles: z.array(z.string()).nullable().optional().transform((v) => v ?? null),
  organization: name,
});
export type RawUser = z.infer<typeof rawUser>;

export const rawOrganization = z.looseObject({
  id: zammadId,
  name: z.string(),
  shared: flag(true),
  domain: nullableText,
  domain_assignment: flag(false),
  active: flag(true),
  note: nullableText,
  member_ids: z.array(zammadId).nullable().optional().transform((v) => v ?? []),
  created_at: timestamp,
  updated_at: nullableTimestamp,
});
export type RawOrganization = z.infer<typeof rawOrganization>;

export const rawGroup = z.looseObject({
  id: zammadId,
  name: z.string(),
  active: flag(true),
  note: nullableText,
  email_address_id: nullableId,
  created_at: nullableTimestamp,
  updated_at: nullableTimestamp,
});
export type RawGroup = z.infer<typeof rawGroup>;

export const rawTicketState = z.looseObject({
  id: zammadId,
  name: z.string(),
  state_type_id: nullableId,
  /** The state type's name (with `expand`): `new`, `open`, `pending reminder`, `pending action`, `closed`, `merged`, `removed`. */
  state_type: name,
  active: flag(true),
  note: nullableText,
});
export type RawTicketState = z.infer<typeof rawTicketState>;

export const rawTicketPriority = z.looseObject({
  id: zammadId,
  name: z.string(),
  active: flag(true),
  note: nullableText,
});
export type RawTicketPriority = z.infer<typeof rawTicketPriority>;

/** A record with a name (a role, a group), as far as `assets` are read for names. */
const rawNamed = z.looseObject({ id: zammadId, name: z.string() });

/**
 * An asset standing for the record's own answer only when it carries every column Tessera maps:
 * Zammad trims what a customer sees of other users (to ID and names) and of groups, so a trimmed
 * record is left to its by-ID read, which answers (or refuses) as Zammad decides.
 */
function complete<T extends z.ZodType>(record: T, columns: readonly string[]) {
  return z.custom<unknown>((value) => typeof value === 'object' && value !== null && columns.every((column) => column in value)).pipe(record);
}

const USER_COLUMNS = ['login', 'firstname', 'lastname', 'email', 'organization_id', 'active', 'vip', 'phone', 'mobile', 'note', 'created_at', 'updated_at'];
const ORGANIZATION_COLUMNS = ['name', 'shared', 'domain', 'active', 'note', 'member_ids', 'created_at', 'updated_at'];
const GROUP_COLUMNS = ['name', 'active', 'note', 'created_at', 'updated_at'];
const completeGroup = complete(rawGroup, GROUP_COLUMNS);

/** One model's records in `assets` (keyed by ID): those that read as `record`; the others are skipped. */
function assetBucket<T extends z.ZodType>(record: T) {
  return z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .transform((bucket) =>
      Object.values(bucket ?? {}).flatMap((value) => {
        const parsed = record.safeParse(value);
        return parsed.success ? [parsed.data as z.infer<T>] : [];
      }),
    );
}

/**
 * `GET /tickets/search` without `expand`: `{tickets: [ids], tickets_count, assets}` (FACTS), with
 * `total_count` when the version answers `with_total_count`. `assets` holds the page's tickets
 * (without association names) and the records they reference, by model then ID: their users and
 * the users' organizations, and their groups (Zammad also adds the users' roles and groups; not
 * states or priorities). `tickets_count` counts the page, not the matches, so it is no total.
 * Every listed ticket must be among the assets; other records are taken when complete.
 */
export const rawTicketSearchAssets = z
  .looseObject({
    tickets: z.array(zammadId),
    total_count: z.number().int().nonnegative().nullable().optional(),
    assets: z
      .looseObject({
        Ticket: z.record(z.string(), z.unknown()).nullable().optional(),
        User: assetBucket(complete(rawUser, USER_COLUMNS)),
        Organization: assetBucket(complete(rawOrganization, ORGANIZATION_COLUMNS)),
        /** Named groups; a trimmed one still names its tickets' group. */
        Group: assetBucket(rawNamed),
        Role: assetBucket(rawNamed),
      })
      .nullable()
      .optional(),
  })
  .transform((answer, ctx) => {
    const ticketAssets = answer.assets?.Ticket ?? {};
    const tickets: RawTicket[] = [];
    for (const id of answer.tickets) {
      const parsed = rawTicket.safeParse(ticketAssets[id]);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: `ticket ${id} is listed but not readable among the assets`, path: ['assets', 'Ticket', id] });
        return z.NEVER;
      }
      tickets.push(parsed.data);
    }
    return {
      tickets,
      total: answer.total_count ?? null,
      users: answer.assets?.User ?? [],
      organizations: answer.assets?.Organization ?? [],
      groupNames: (answer.assets?.Group ?? []).map(({ id, name }) => ({ id, name })),
      groups: (answer.assets?.Group ?? []).flatMap((group) => {
        const parsed = completeGroup.safeParse(group);
        return parsed.success ? [parsed.data] : [];
      }),
      roles: (answer.assets?.Role ?? []).map(({ id, name }) => ({ id, name })),
    };
  });
export type RawTicketSearchAssets = z.infer<typeof rawTicketSearchAssets>;

/** `GET /tags?object=Ticket&o_id=…`. */
export const rawTagList = z.object({ tags: z.array(z.string()) });

/** `POST /tags/add` and `DELETE /tags/remove` answer `true` (some versions an empty body). */
export const rawTagChange = z.unknown();

/** Zammad's error body: `error` always, `error_human` when it has a message for people. */
export const rawErrorBody = z.looseObject({
  error: z.string().optional(),
  error_human: z.string().optional(),
  message: z.string().optional(),
});

// --- request bodies (what Tessera sends) ---

/** An attachment in an article body: Zammad's own field names, content in base64. */
export interface RawAttachmentUpload {
  filename: string;
  data: string;
  'mime-type': string;
}

export interface RawArticleWrite {
  subject?: string;
  body: string;
  content_type?: 'text/plain' | 'text/html';
  type?: string;
  internal?: boolean;
  sender?: string;
  to?: string;
  cc?: string;
  attachments?: RawAttachmentUpload[];
}

/** `POST /tickets`. Names (`group`, `state`, `priority`, `owner`) are looked up by Zammad. */
export interface RawTicketCreate {
  title: string;
  group: string;
  /** `guess:<email>`: Zammad finds the customer by e-mail or creates one. */
  customer_id: string;
  state?: string;
  priority?: string;
  owner?: string;
  organization?: string;
  note?: string;
  pending_time?: string;
  /** Comma-separated. */
  tags?: string;
  article: RawArticleWrite;
}

/** `PUT /tickets/{id}`: only the fields to change. */
export interface RawTicketUpdate {
  title?: string;
  group?: string;
  state?: string;
  priority?: string;
  owner?: string;
  owner_id?: number;
  customer?: string;
  organization?: string;
  note?: string;
  pending_time?: string | null;
  article?: RawArticleWrite;
}

/** `POST /ticket_articles`. */
export interface RawArticleCreate extends RawArticleWrite {
  ticket_id: number;
}

/** `POST /users`, `PUT /users/{id}`. */
export interface RawUserWrite {
  login?: string;
  firstname?: string;
  lastname?: string;
  email?: string;
  organization?: string;
  phone?: string;
  mobile?: string;
  note?: string;
  vip?: boolean;
  active?: boolean;
  /** Role names, looked up by Zammad. */
  roles?: string[];
}
