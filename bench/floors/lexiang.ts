/**
 * Lexiang floors. `GET /v1/teams` pages hold up to 100 teams (the simulator's cap; the real one
 * is unconfirmed), so one list page answers any handful of teams in a 38-team company; the
 * single-team read is not needed at all.
 */
import type { Call } from '../floorVendors.js';

interface RawTeam {
  id: string;
  attributes: { name: string; code: string };
}

interface TeamPage {
  data: RawTeam[];
  meta: { total: number; last_page: number };
}

export const teamGlobalId = (nativeId: string) => Buffer.from(`Team:LEXIANG:${nativeId}`, 'utf8').toString('base64url');
const nativeIdOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':').slice(2).join(':');

/** The newest `perPage` teams (the gateway's default order, `-created_at`). */
export function teamPage(call: Call, perPage: number): Promise<TeamPage> {
  return call<TeamPage>('GET', '/cgi-bin/v1/teams', { query: { page: 1, per_page: perPage, sort: '-created_at' } });
}

/** `nodes` of 30 teams: one list page of 100 holds them all. Depth 1. */
export async function lexiangNodes(call: Call, variables: { ids: string[] }) {
  const page = await teamPage(call, 100);
  const byId = new Map(page.data.map((t) => [t.id, t]));
  return {
    nodes: variables.ids.map((id) => {
      const team = byId.get(nativeIdOf(id));
      return team ? { id, name: team.attributes.name, code: team.attributes.code } : null;
    }),
  };
}

/** `teams(first: 10)` and `team(id)` of three of them in one query: the one list page answers all four fields. Depth 1. */
export async function lexiangTeamsAndTeam(call: Call, variables: { a: string; b: string; c: string }) {
  const page = await teamPage(call, 10);
  const byId = new Map(page.data.map((t) => [t.id, t]));
  const one = (id: string) => {
    const team = byId.get(nativeIdOf(id));
    return team ? { name: team.attributes.name, code: team.attributes.code } : null;
  };
  return {
    teams: { totalCount: page.meta.total, nodes: page.data.map((t) => ({ id: teamGlobalId(t.id), name: t.attributes.name })) },
    a: one(variables.a),
    b: one(variables.b),
    c: one(variables.c),
  };
}
