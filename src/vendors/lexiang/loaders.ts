import DataLoader from 'dataloader';
import type { LimitFunction } from 'p-limit';
import { ErrorCode, TesseraError } from '../../errors.js';
import type { TeamModel } from '../../models.js';
import { readNumberedPages } from '../../pagination.js';
import { LEXIANG_MAX_PER_PAGE, type LexiangAuth, type LexiangClient } from './client.js';
import { numberedPageOf, teamOf } from './mapping.js';

export interface LexiangLoaders {
  teamById: DataLoader<string, TeamModel | null>;
}

/** The most teams a by-ID lookup will scan the list for (50 pages of 100). */
export const TEAM_SCAN_MAX = 5000;

/**
 * Per-request loaders, keyed by Lexiang's team ID. `GET /v1/teams/{id}` is unconfirmed at
 * the real vendor: when it answers like an unknown route, a lookup falls back to the list,
 * read once per request however many teams are looked up (a missing ID is then `null`;
 * teams in the recycle bin are never listed). The client remembers a missing endpoint, so
 * later requests go straight to the list.
 */
export function createLexiangLoaders(client: LexiangClient, auth: LexiangAuth, limit: LimitFunction): LexiangLoaders {
  let scan: Promise<Map<string, TeamModel>> | undefined;

  const allTeams = () =>
    (scan ??= readNumberedPages({ offset: 0, limit: TEAM_SCAN_MAX }, LEXIANG_MAX_PER_PAGE, async (page, perPage) => {
      const list = numberedPageOf(await limit(() => client.listTeams(auth, { page, per_page: perPage, sort: '-created_at' })));
      // Checked on the first page, before the others are asked for.
      if (list.total > TEAM_SCAN_MAX) {
        throw new TesseraError(`Lexiang has more than ${TEAM_SCAN_MAX} teams and no single-team endpoint, so it cannot look a team up by ID.`, ErrorCode.UPSTREAM_ERROR, {
          source: 'LEXIANG',
        });
      }
      return list;
    }).then((page) => new Map(page.items.map((raw) => [raw.id, teamOf(raw)]))));

  const teamById = async (id: string): Promise<TeamModel | null> => {
    if (!client.singleTeamEndpointMissing) {
      const read = await limit(() => client.getTeam(auth, id));
      if (read.kind === 'found') return teamOf(read.team);
      if (read.kind === 'notFound') return null;
    }
    return (await allTeams()).get(id) ?? null;
  };

  return {
    teamById: new DataLoader<string, TeamModel | null>((ids) => Promise.all(ids.map((id) => teamById(id).catch(asError)))),
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
