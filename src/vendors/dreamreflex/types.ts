import { z } from 'zod';
import { utcMillis } from '../shared/isoUtc.js';

/**
 * Dreamreflex CSA's raw payloads, with the vendor's own field names, as documented in
 * `shared/vendor-docs/dreamreflex.md`. Parsed on arrival so a response of the wrong shape
 * fails loudly at the edge instead of as a null deep in a resolver. Timestamps are UTC,
 * sometimes without the `Z`.
 */

/** A time Tessera can read (`isoUtc` would otherwise fail deep in a mapper). */
const timestamp = z.string().refine((value) => !Number.isNaN(utcMillis(value)), 'unreadable timestamp');
const nullableTimestamp = timestamp.nullable().optional().transform((v) => v ?? null);
const nullableText = z.string().nullable().optional().transform((v) => v ?? null);

export const rawUser = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(['user', 'admin']),
  is_active: z.boolean(),
  created_at: timestamp,
  updated_at: nullableTimestamp,
  full_name: nullableText,
  phone_number: nullableText,
  avatar_url: nullableText,
  bio: nullableText,
});
export type RawUser = z.infer<typeof rawUser>;

export const rawToken = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive(),
});
export type RawToken = z.infer<typeof rawToken>;

export const rawMessage = z.object({ message: z.string() }).passthrough();

export const rawCodeSent = z.object({ message: z.string(), email: z.string() });
export type RawCodeSent = z.infer<typeof rawCodeSent>;

export const rawTicket = z.object({
  id: z.string(),
  title: z.string(),
  ticket_type: z.enum(['financial', 'technical', 'business']),
  content: z.string(),
  status: z.enum(['pending', 'replied']),
  feedback: nullableText,
  creator_email: z.string(),
  responder_email: nullableText,
  created_at: timestamp,
  updated_at: nullableTimestamp,
  replied_at: nullableTimestamp,
});
export type RawTicket = z.infer<typeof rawTicket>;

export const rawBusinessAccount = z.object({
  id: z.string(),
  owner_email: z.string(),
  status: z.enum(['pending', 'active', 'disabled']),
  assigned_email: nullableText,
  user_code: nullableText,
  company_name: nullableText,
  tax_number: nullableText,
  certification_info: nullableText,
  communication_address: nullableText,
  contact_person_name: nullableText,
  contact_phone: nullableText,
  created_at: timestamp,
  updated_at: nullableTimestamp,
});
export type RawBusinessAccount = z.infer<typeof rawBusinessAccount>;

export const rawContract = z.object({
  id: z.string(),
  owner_email: z.string(),
  title: z.string(),
  content_markdown: z.string(),
  is_signed: z.boolean(),
  created_at: timestamp,
  updated_at: nullableTimestamp,
});
export type RawContract = z.infer<typeof rawContract>;

export const rawProject = z.object({
  id: z.string(),
  owner_email: z.string(),
  name: z.string(),
  description: nullableText,
  overview_markdown: z.string(),
  created_at: timestamp,
  updated_at: nullableTimestamp,
});
export type RawProject = z.infer<typeof rawProject>;

export const rawProjectFile = z.object({
  id: z.string(),
  project_id: z.string(),
  filename: z.string(),
  file_size: z.number().nonnegative(),
  content_type: z.string(),
  tag: nullableText,
  oss_key: z.string(),
  created_at: timestamp,
  updated_at: nullableTimestamp,
});
export type RawProjectFile = z.infer<typeof rawProjectFile>;

export const rawProjectLink = z.object({
  id: z.string(),
  project_id: z.string(),
  title: z.string(),
  url: z.string(),
  description: nullableText,
  created_at: timestamp,
  updated_at: nullableTimestamp,
});
export type RawProjectLink = z.infer<typeof rawProjectLink>;

export const rawProjectTask = z.object({
  id: z.string(),
  project_id: z.string(),
  title: z.string(),
  description: nullableText,
  status: z.enum(['pending', 'completed']),
  created_at: timestamp,
  updated_at: nullableTimestamp,
});
export type RawProjectTask = z.infer<typeof rawProjectTask>;

export const rawDownloadUrl = z.object({ download_url: z.string().min(1), expires_in: z.number().int().positive() });
export type RawDownloadUrl = z.infer<typeof rawDownloadUrl>;

export const rawContactSubmission = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  message: z.string(),
  is_processed: z.boolean(),
  admin_notes: nullableText,
  created_at: timestamp,
});
export type RawContactSubmission = z.infer<typeof rawContactSubmission>;

/** `{ total, items }`, the envelope of every list endpoint. */
export function rawList<T extends z.ZodType>(item: T) {
  return z.object({ total: z.number().int().nonnegative(), items: z.array(item) });
}

/** Error bodies: `{detail: string}`, or FastAPI's validation list `{detail: [{loc, msg, type}]}`. */
export const rawErrorBody = z.object({
  detail: z.union([
    z.string(),
    z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])).optional(), msg: z.string(), type: z.string().optional() }).passthrough()),
  ]),
});
export type RawErrorBody = z.infer<typeof rawErrorBody>;
