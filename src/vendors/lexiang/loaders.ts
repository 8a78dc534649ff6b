import DataLoader from 'dataloader';
import { ignoreBatches, observedBatch, type BatchObserver } from '../shared/observedBatch.js';
import type { LimitFunction } from 'p-limit';
import { ErrorCode, TesseraError } from '../../errors.js';
import type { TeamModel } from '../../models.js';
import { createByIdReadPlanner, type ByIdReadPlanner } from '../shared/byIdReadPlanner.js';
import { createSharedReads, readKey, type SharedReads } from '../shared/sharedReads.js';
import { isWellFormedTeamId, LEXIANG_MAX_PER_PAGE, type LexiangAuth, type LexiangClient } from './client.js';
import { numberedPageOf, teamOf } from './mapping.js';

export interface LexiangLoaders {
  teamById: DataLoader<string, TeamModel | null>;
  /**
   * One page of the team list, mapped; identical pages within the request are read once, and
   * every page read primes `teamById` (see `byIdReadPlanner`).
   */
  teamPage(page: number, perPage: number, sort: 'created_at' | '-created_at'): Promise<TeamListPage>;
  /** After a write: list pages are read again, and what they said no longer answers by-ID reads. */
  forgetLists(): void;
}

export interface TeamListPage {
  items: TeamModel[];
  total: number;
  /** The page size Lexiang used (`meta.per_page`). */
  perPage: number;
}

/** The most teams a by-ID lookup will scan the list for (50 pages of 100). */
export const TEAM_SCAN_MAX = 5000;

/** The order the planner reads the whole list in: Lexiang's default, so a `teams` page of the same size is the same call. */
const SCAN_SORT = '-created_at';

/**
 * Per-request loaders, keyed by Lexiang's team ID. A batch of team IDs is planned by
 * `byIdReadPlanner`: one `GET /v1/teams/{id}` each, or the list's pages when there are fewer of
 * them (`nodes` of 30 teams in a tenant of under 100 is one call). A team the whole list lacks is
 * null: the list holds every live team, and the single read 404s the rest too.
 *
 * `GET /v1/teams/{id}` is unconfirmed at the real vendor: when it answers like an unknown route,
 * a lookup falls back to the list, read once per request however many teams are looked up. The
 * client remembers a missing endpoint, so later requests go straight to the list.
 */
export function createLexiangLoaders(client: LexiangClient, auth: LexiangAuth, limit: LimitFunction, observe: BatchObserver = ignoreBatches): LexiangLoaders {
  const shared: SharedReads = createSharedReads();

  const teamPage = (page: number, perPage: number, sort: 'created_at' | '-created_at'): Promise<TeamListPage> =>
    planner.sight(
      shared(readKey('/cgi-bin/v1/teams', { page, per_page: perPage, sort }), async () => {
        const raw = numberedPageOf(await limit(() => client.listTeams(auth, { page, per_page: perPage, sort })));
        const items = raw.items.map(teamOf);
        // Following a listed team (`team(id)`, `node`) then costs no call.
        for (const team of items) teamById.prime(team.nativeId, team);
        return { items, total: raw.total, perPage: raw.perPage };
      }),
      true,
    );

  const planner: ByIdReadPlanner<TeamModel> = createByIdReadPlanner<TeamModel>({
    readOne: async (id) => {
      const read = await limit(() => client.getTeam(auth, id));
      if (read.kind === 'found') return teamOf(read.team);
      if (read.kind === 'notFound') return null;
      throw new NoSingleTeamEndpoint();
    },
    plausible: isWellFormedTeamId,
    list: {
      maxPageSize: LEXIANG_MAX_PER_PAGE,
      readPage: async (index, size) => {
        const page = await teamPage(index + 1, size, SCAN_SORT);
        return { items: page.items, total: page.total, pageSize: page.perPage };
      },
      hint: () => client.teamListHint,
      absentMeansNull: true,
    },
  });

  const scanOnly = (ids: readonly string[]) => planner.loadFromList(ids, tooManyToScan);

  const teamById = new DataLoader<string, TeamModel | null>(observedBatch(observe, 'teamById', async (ids) => {
    if (client.singleTeamEndpointMissing) return scanOnly(ids);
    const answers = await planner.load(ids);
    // Found missing during this batch: the teams it could not read come from the list.
    const unread = ids.filter((_, i) => answers[i] instanceof NoSingleTeamEndpoint);
    if (unread.length === 0) return answers;
    const scanned = new Map((await scanOnly(unread).catch((error: unknown) => unread.map(() => asError(error)))).map((answer, i) => [unread[i]!, answer]));
    return answers.map((answer, i) => (answer instanceof NoSingleTeamEndpoint ? scanned.get(ids[i]!)! : answer));
  }));

  return {
    teamById,
    teamPage,
    forgetLists: () => {
      shared.clear();
      planner.forget();
    },
  };
}

/** `GET /v1/teams/{id}` answered like a route Lexiang does not have. */
class NoSingleTeamEndpoint extends Error {}

function tooManyToScan(total: number): Error | null {
  if (total <= TEAM_SCAN_MAX) return null;
  return new TesseraError(`Lexiang has more than ${TEAM_SCAN_MAX} teams and no single-team endpoint, so it cannot look a team up by ID.`, ErrorCode.UPSTREAM_ERROR, {
    source: 'LEXIANG',
  });
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
