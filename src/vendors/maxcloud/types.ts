import { z } from 'zod';
import { localTimeMillis } from '../shared/localTimeMillis.js';

/**
 * MaxCloud's raw payloads, with its own field names, as `shared/vendor-docs/maxcloud.md` shows
 * them (login, company switch, ticket search: the whole documented API) and FACTS.md adds.
 * Parsed on arrival so a response of the wrong shape fails at the edge. The doc shows one
 * example of each and no schema, so fields are read leniently (a number may come as a numeric
 * string, a string as null) and unknown fields are allowed and ignored.
 */

/** IDs are integers in the doc; kept as strings. */
export const maxCloudId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

/** `2023-05-11 16:34:54`: a wall-clock time without a zone, read in the configured zone by the mapping. */
const wallClock = z.string().refine((value) => !Number.isNaN(localTimeMillis(value, 0)), 'unreadable timestamp');
/** Strings the doc shows as `""` when empty; null and absent are read the same way. */
const text = z.string().nullable().optional().transform((v) => v ?? '');
const count = z.number().int().nonnegative().nullable().optional().transform((v) => v ?? 0);

/**
 * Every answer: `{status, err_code, request_id, message, data, time}`. A failure may come
 * under HTTP 200, so `status` (200 on success) and `err_code` (0 on success; absent from the
 * login and switch examples) are always checked. `time` is epoch seconds.
 */
export const rawEnvelope = z.looseObject({
  status: z.number().int(),
  err_code: z.number().int().nullable().optional().transform((v) => v ?? 0),
  request_id: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  data: z.unknown(),
  time: z.number().nullable().optional(),
});
export type RawEnvelope = z.infer<typeof rawEnvelope>;

/** A company ("组" in the console): what a token is scoped to. */
export const rawCompany = z.looseObject({
  id: maxCloudId,
  name: text,
  created_at: z.union([wallClock, z.literal('')]).nullable().optional().transform((v) => v || null),
});
export type RawCompany = z.infer<typeof rawCompany>;

/** What the login and the switch answers share: the token, the account's e-mail, the token's company and all of the account's. */
const rawSessionFields = {
  token: z.string().min(1),
  email: z.string(),
  company: rawCompany,
  all_company: z.array(rawCompany).nullable().optional().transform((v) => v ?? []),
};

/** `POST /api/login`. `group_admin`, `admin` and `change_password` are flags the doc does not explain (`1`, `2`, `0`). */
export const rawLogin = z.looseObject({
  ...rawSessionFields,
  id: maxCloudId,
  group_admin: z.number().int().nullable().optional().transform((v) => v ?? null),
  admin: z.number().int().nullable().optional().transform((v) => v ?? null),
  change_password: z.number().int().nullable().optional().transform((v) => v ?? null),
});
export type RawLogin = z.infer<typeof rawLogin>;

/** `POST /api/company/switch`: a new token scoped to the company; no user ID or flags. */
export const rawSwitch = z.looseObject(rawSessionFields);
export type RawSwitch = z.infer<typeof rawSwitch>;

/**
 * A ticket from `POST /api/tickets/search`. The doc's example has no `group_tag` and `labels`
 * although its queries search by them (`group_tag:mtg`, `labels:日志bug`); they are read when
 * present. `labels` is read as a list or as one comma-separated string.
 */
export const rawTicket = z.looseObject({
  id: maxCloudId,
  company_id: maxCloudId,
  /** 0 (with an empty name) when the ticket belongs to no team. */
  team_id: maxCloudId.nullable().optional().transform((v) => v ?? '0'),
  team_name: text,
  /** E-mail addresses; `""` while nobody is assigned. */
  created_by: text,
  assigned_to: text,
  updated_by: text,
  state: z.string(),
  /** An integer in the doc (`2`); kept as given for `vendorPriority`. */
  priority: z.union([z.number(), z.string()]).nullable().optional().transform((v) => (v === undefined || v === null || v === '' ? null : String(v))),
  root_cause: text,
  subject: text,
  content_type: text,
  content: text,
  comment_count: count,
  notification_list: z.array(z.string()).nullable().optional().transform((v) => v ?? []),
  created_at: wallClock,
  updated_at: z.union([wallClock, z.literal('')]).nullable().optional().transform((v) => v || null),
  /** The resources the ticket is about; `null` in the doc, its shape undocumented: passed through as given. */
  resources: z.unknown().optional().transform((v) => v ?? null),
  tips: text,
  group_tag: text,
  labels: z
    .union([z.array(z.string()), z.string()])
    .nullable()
    .optional()
    .transform((v) => (typeof v === 'string' ? v.split(',') : (v ?? [])).map((label) => label.trim()).filter((label) => label !== '')),
});
export type RawTicket = z.infer<typeof rawTicket>;

/** `data` of a ticket search. `search_scope` (`"0:company"`) is not used. */
export const rawTicketSearch = z.looseObject({
  total: z.number().int().nonnegative(),
  page: z.number().int().nullable().optional(),
  page_size: z.number().int().positive().nullable().optional(),
  tickets: z.array(rawTicket).nullable().optional().transform((v) => v ?? []),
});
export type RawTicketSearch = z.infer<typeof rawTicketSearch>;

/** The body of `POST /api/tickets/search`. Times are epoch milliseconds; pages are 1-based. */
export interface RawTicketSearchRequest {
  page: number;
  page_size: number;
  start_time: number;
  end_time: number;
  /** The search grammar, known only from examples: `group_tag:mtg AND state:open`. Empty: every ticket. */
  query: string;
}
