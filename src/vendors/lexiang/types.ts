import { z } from 'zod';
import { localTimeMillis } from '../shared/localTimeMillis.js';

/**
 * Tencent Lexiang (乐享) raw payloads, with the vendor's own field names, as documented in
 * `shared/vendor-docs/lexiang.md` (K吧) and FACTS.md (token, JSON:API envelope). Parsed on
 * arrival so a response of the wrong shape fails at the edge, not as a null in a resolver.
 */

/** Lexiang is a Chinese service: `created_at` is `YYYY-MM-DD HH:mm:ss` in China Standard Time. */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60;

const chinaTime = z.string().refine((value) => !Number.isNaN(localTimeMillis(value, CHINA_UTC_OFFSET_MINUTES)), 'unreadable timestamp');
const nullableText = z.string().nullable().optional().transform((v) => v ?? null);
/** Laravel may serialise integers and booleans from string or tinyint columns: accept `"2"`, `1`, `"1"`. */
const numericString = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v);
const laravelBoolean = z.preprocess((v) => (v === 1 || v === '1' ? true : v === 0 || v === '0' ? false : v), z.boolean());

/** 1 自定义, 2 知识沉淀, 3 项目管理, 4 协会培训. */
export const rawTeamType = z.preprocess(numericString, z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]));
export type RawTeamType = z.infer<typeof rawTeamType>;

export const rawTeam = z.object({
  type: z.string(),
  id: z.string().min(1),
  attributes: z.object({
    name: z.string(),
    code: z.string(),
    // The doc gives the signature's default as `false`, a team created without one comes back with `""`, and it may be absent: all are "none".
    signature: z.unknown().optional().transform((v) => (typeof v === 'string' && v !== '' ? v : null)),
    type: rawTeamType,
    is_secret: laravelBoolean,
    logo: nullableText,
    // Absent from every documented example; the live service and the simulator send it.
    created_at: chinaTime.nullable().optional().transform((v) => v ?? null),
  }),
});
export type RawTeam = z.infer<typeof rawTeam>;

/** `{data: team}`: the answer to a create, an edit or a single read. */
export const rawTeamDocument = z.object({ data: rawTeam });
export type RawTeamDocument = z.infer<typeof rawTeamDocument>;

/** A Laravel length-aware page: `links` with `?page=N` URLs and `meta` with the totals. */
export const rawTeamPage = z.object({
  data: z.array(rawTeam),
  links: z.object({ first: z.string().nullable(), last: z.string().nullable(), prev: z.string().nullable(), next: z.string().nullable() }).partial().optional(),
  meta: z.object({
    current_page: z.preprocess(numericString, z.number().int().positive()),
    per_page: z.preprocess(numericString, z.number().int().positive()),
    total: z.preprocess(numericString, z.number().int().nonnegative()),
    last_page: z.preprocess(numericString, z.number().int().nonnegative()).optional(),
    from: z.number().nullable().optional(),
    to: z.number().nullable().optional(),
    path: z.string().optional(),
  }),
});
export type RawTeamPage = z.infer<typeof rawTeamPage>;

export const rawToken = z.object({
  token_type: z.string(),
  expires_in: z.number().int().positive(),
  access_token: z.string().min(1),
});
export type RawToken = z.infer<typeof rawToken>;

/** A member entry in `relationships.orgs.data`: staff by userid, departments and contact tags by integer id. */
export type RawOrgRef = { type: 'staff'; id: string } | { type: 'department' | 'contacttag'; id: number };

/** The JSON:API document of `POST /v1/teams` and `PATCH /v1/teams/{id}`. */
export interface RawTeamWrite {
  data: {
    type: 'team';
    attributes: { name?: string; signature?: string; type?: RawTeamType; is_secret?: boolean };
    relationships?: { orgs: { data: RawOrgRef[] } };
  };
}

/**
 * Error bodies: `{"errors":{"detail":"…"}}`, Laravel's field-keyed `{"errors":{"name":["…"]}}`
 * (both documented), or the JSON:API standard list `{"errors":[{"detail","source":{"pointer"}}]}`
 * in case some endpoint follows the spec to the letter.
 */
export const rawErrorBody = z.object({
  errors: z.union([
    z.record(z.string(), z.unknown()),
    z.array(
      z.object({
        title: z.string().optional(),
        detail: z.string().optional(),
        source: z.object({ pointer: z.string().optional(), parameter: z.string().optional() }).optional(),
      }),
    ),
  ]),
});
export type RawErrorBody = z.infer<typeof rawErrorBody>;
