import { teamIdAt } from './teamId.js';
import { createSeedTeams } from './seed.js';

/** 1 自定义 (custom), 2 知识沉淀 (knowledge), 3 项目管理 (project management), 4 协会培训 (association/training). */
export type TeamType = 1 | 2 | 3 | 4;

export type OrgType = 'staff' | 'department' | 'contacttag';

/** One member entry of a team: a staff member, a whole department or everyone with a contact tag. */
export interface OrgRef {
  type: OrgType;
  /** Staff: the canonical userid. Department and contact tag: the integer id. */
  id: string | number;
}

/** A K吧 as the simulator stores it. */
export interface TeamRecord {
  /** 32 hex digits (a version-1 UUID without dashes). */
  id: string;
  /** `k100001`, `k100002`, … in creation order. */
  code: string;
  name: string;
  signature: string;
  type: TeamType;
  isSecret: boolean;
  /** Logo URL; null for teams created through the API (the doc has no way to set one). */
  logo: string | null;
  /** Milliseconds since the epoch, on the simulator clock. */
  createdAt: number;
  creatorStaffId: string;
  /** The member list; a PATCH with `orgs` replaces it whole. */
  orgs: OrgRef[];
  /** When it went to the recycle bin (`DELETE …/hide`); null while live. */
  hiddenAt: number | null;
}

export interface NewTeam {
  name: string;
  signature: string;
  type: TeamType;
  isSecret: boolean;
  orgs: OrgRef[];
}

/** Fields a PATCH may change; absent means "leave as is". */
export interface TeamPatch {
  name?: string;
  signature?: string;
  isSecret?: boolean;
  orgs?: OrgRef[];
}

export type SortOrder = 'asc' | 'desc';

export interface TeamStore {
  /** Live teams (not in the recycle bin) by created_at, ties broken by code. */
  list(order: SortOrder): TeamRecord[];
  /** A live team, or undefined when unknown or in the recycle bin. */
  find(id: string): TeamRecord | undefined;
  /** Any team, including those in the recycle bin: for tests to inspect members and recycle-bin state. */
  peek(id: string): TeamRecord | undefined;
  create(input: NewTeam, creatorStaffId: string, now: number): TeamRecord;
  /** Undefined when the team is unknown or in the recycle bin. */
  update(id: string, patch: TeamPatch): TeamRecord | undefined;
  /** Moves a live team to the recycle bin; false when unknown or already there. */
  hide(id: string, now: number): boolean;
}

/**
 * The simulator's teams. Create one and pass it as the `teams` option to inspect state
 * the API does not show (members, recycle bin); otherwise the simulator makes its own.
 * Returned records are copies.
 */
export function createTeamStore(seed: TeamRecord[] = createSeedTeams()): TeamStore {
  const teams = new Map<string, TeamRecord>(seed.map((team) => [team.id, structuredClone(team)]));
  let nextCode = Math.max(100000, ...seed.map((team) => codeNumber(team.code))) + 1;
  let tick = 0;

  const live = (id: string) => {
    const team = teams.get(id);
    return team && team.hiddenAt === null ? team : undefined;
  };

  return {
    list(order) {
      const sign = order === 'asc' ? 1 : -1;
      return [...teams.values()]
        .filter((team) => team.hiddenAt === null)
        .sort((a, b) => sign * (a.createdAt - b.createdAt || codeNumber(a.code) - codeNumber(b.code)))
        .map((team) => structuredClone(team));
    },
    find(id) {
      const team = live(id);
      return team && structuredClone(team);
    },
    peek(id) {
      const team = teams.get(id);
      return team && structuredClone(team);
    },
    create(input, creatorStaffId, now) {
      let id = teamIdAt(now, tick++);
      while (teams.has(id)) id = teamIdAt(now, tick++);
      const team: TeamRecord = {
        id,
        code: `k${nextCode++}`,
        name: input.name,
        signature: input.signature,
        type: input.type,
        isSecret: input.isSecret,
        logo: null,
        createdAt: now,
        creatorStaffId,
        orgs: structuredClone(input.orgs),
        hiddenAt: null,
      };
      teams.set(id, team);
      return structuredClone(team);
    },
    update(id, patch) {
      const team = live(id);
      if (!team) return undefined;
      if (patch.name !== undefined) team.name = patch.name;
      if (patch.signature !== undefined) team.signature = patch.signature;
      if (patch.isSecret !== undefined) team.isSecret = patch.isSecret;
      if (patch.orgs !== undefined) team.orgs = structuredClone(patch.orgs);
      return structuredClone(team);
    },
    hide(id, now) {
      const team = live(id);
      if (!team) return false;
      team.hiddenAt = now;
      return true;
    },
  };
}

function codeNumber(code: string): number {
  return Number.parseInt(code.slice(1), 10) || 0;
}
