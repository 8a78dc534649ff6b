import { BadUserInputError } from '../../errors.js';
import type { TeamModel, TeamType } from '../../models.js';
import { localTimeMillis } from '../shared/localTimeMillis.js';
import { CHINA_UTC_OFFSET_MINUTES, type RawOrgRef, type RawTeam, type RawTeamPage, type RawTeamType, type RawTeamWrite } from './types.js';

/** Pure mapping between Lexiang's JSON:API payloads and Tessera's model, both ways. */

const source = 'LEXIANG' as const;

const teamTypes: Record<RawTeamType, TeamType> = { 1: 'CUSTOM', 2: 'KNOWLEDGE', 3: 'PROJECT_MANAGEMENT', 4: 'TRAINING' };

export function teamOf(raw: RawTeam): TeamModel {
  const { attributes } = raw;
  return {
    kind: 'Team',
    source,
    nativeId: raw.id,
    name: attributes.name,
    code: attributes.code,
    signature: attributes.signature,
    type: teamTypes[attributes.type],
    isSecret: attributes.is_secret,
    logo: attributes.logo,
    createdAt: attributes.created_at === null ? null : new Date(localTimeMillis(attributes.created_at, CHINA_UTC_OFFSET_MINUTES)).toISOString(),
  };
}

/** A list page in the terms of the page adapter: Laravel's `meta.per_page` is the size it really used. */
export function numberedPageOf(raw: RawTeamPage): { items: RawTeam[]; total: number; perPage: number } {
  return { items: raw.data, total: raw.meta.total, perPage: raw.meta.per_page };
}

export function rawTeamType(type: TeamType): RawTeamType {
  const entry = Object.entries(teamTypes).find(([, t]) => t === type);
  if (!entry) throw new BadUserInputError(`Unknown team type ${type}.`);
  return Number(entry[0]) as RawTeamType;
}

/** Lexiang's `sort`: `created_at` ascending, `-created_at` (its default) descending. */
export function teamSort(direction: 'ASC' | 'DESC'): 'created_at' | '-created_at' {
  return direction === 'ASC' ? 'created_at' : '-created_at';
}

/** A team member entry as callers name it. */
export interface TeamMemberRef {
  kind: 'STAFF' | 'DEPARTMENT' | 'CONTACT_TAG';
  /** Staff: the userid. Departments and contact tags: the numeric ID as a string. */
  id: string;
}

export interface NewTeam {
  name: string;
  signature?: string | null;
  type?: TeamType | null;
  isSecret?: boolean | null;
  members?: TeamMemberRef[] | null;
}

export interface TeamChanges {
  name?: string | null;
  signature?: string | null;
  isSecret?: boolean | null;
  /** The complete new member list (Lexiang replaces the old one whole); null or absent keeps the members. */
  replaceAllMembersWith?: TeamMemberRef[] | null;
}

/** The `POST /v1/teams` document; fields the caller left out are left to Lexiang's defaults. */
export function newTeamBody(input: NewTeam): RawTeamWrite {
  return {
    data: {
      type: 'team',
      attributes: {
        name: input.name,
        ...(input.signature != null && { signature: input.signature }),
        ...(input.type != null && { type: rawTeamType(input.type) }),
        ...(input.isSecret != null && { is_secret: input.isSecret }),
      },
      ...(input.members != null && { relationships: { orgs: { data: input.members.map(orgRefOf) } } }),
    },
  };
}

/**
 * The `PATCH /v1/teams/{id}` document. `orgs` is sent only when the caller gave a member list,
 * because Lexiang replaces the whole list with whatever `orgs` holds (`[]` empties the team).
 * Null when there is nothing to change.
 */
export function teamPatchBody(changes: TeamChanges): RawTeamWrite | null {
  const attributes: RawTeamWrite['data']['attributes'] = {
    ...(changes.name != null && { name: changes.name }),
    ...(changes.signature != null && { signature: changes.signature }),
    ...(changes.isSecret != null && { is_secret: changes.isSecret }),
  };
  const members = changes.replaceAllMembersWith;
  if (Object.keys(attributes).length === 0 && members == null) return null;
  return {
    data: {
      type: 'team',
      attributes,
      ...(members != null && { relationships: { orgs: { data: members.map(orgRefOf) } } }),
    },
  };
}

/** Departments and contact tags are integer IDs at Lexiang; anything else is refused here, before a call. */
export function orgRefOf(member: TeamMemberRef): RawOrgRef {
  const id = member.id.trim();
  if (member.kind === 'STAFF') {
    if (id === '' || id.length > 64) throw new BadUserInputError('A STAFF member needs a userid of 1–64 characters.', { source });
    return { type: 'staff', id };
  }
  const what = member.kind === 'DEPARTMENT' ? 'department' : 'contact tag';
  if (!/^\d{1,15}$/.test(id)) throw new BadUserInputError(`A ${what} is named by its numeric ID; "${id.slice(0, 40)}" is not one.`, { source });
  return { type: member.kind === 'DEPARTMENT' ? 'department' : 'contacttag', id: Number(id) };
}
