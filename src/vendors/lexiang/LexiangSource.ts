import type { LimitFunction } from 'p-limit';
import { ignoreBatches, type BatchObserver } from '../shared/observedBatch.js';
import { BadUserInputError } from '../../errors.js';
import type { Page, TeamModel } from '../../models.js';
import { readNumberedPages, type PageRequest } from '../../pagination.js';
import { LEXIANG_MAX_PER_PAGE, type LexiangAuth, type LexiangClient } from './client.js';
import { replaceInLoader } from '../shared/primeLoader.js';
import { createLexiangLoaders, type LexiangLoaders } from './loaders.js';
import { newTeamBody, teamOf, teamPatchBody, teamSort, type NewTeam, type TeamChanges } from './mapping.js';

/**
 * Lexiang as one request sees it: the service credentials (if this caller may use them),
 * the acting staff member, its loaders, and every K吧 operation in model terms. Created per
 * request by the context; resolvers call only this.
 */
export class LexiangSource {
  private readonly loaders: LexiangLoaders;

  constructor(
    private readonly client: LexiangClient,
    private readonly auth: LexiangAuth,
    private readonly limit: LimitFunction,
    observe: BatchObserver = ignoreBatches,
  ) {
    this.loaders = createLexiangLoaders(client, auth, limit, observe);
  }

  // --- reads ---

  team(id: string): Promise<TeamModel | null> {
    return this.loaders.teamById.load(id);
  }

  async teams(request: PageRequest, direction: 'ASC' | 'DESC'): Promise<Page<TeamModel>> {
    const sort = teamSort(direction);
    // Pages prime `teamById` when they land (a `team(id)` of a listed team costs no call).
    return readNumberedPages(request, LEXIANG_MAX_PER_PAGE, (number, perPage) => this.loaders.teamPage(number, perPage, sort));
  }

  // --- writes (all act as `auth.staffId`; the client refuses them without one) ---

  async createTeam(input: NewTeam): Promise<TeamModel> {
    const raw = await this.limit(() => this.client.createTeam(this.auth, newTeamBody(input)));
    this.loaders.forgetLists();
    return this.prime(teamOf(raw));
  }

  async updateTeam(id: string, changes: TeamChanges): Promise<TeamModel> {
    const body = teamPatchBody(changes);
    if (body === null) throw new BadUserInputError('Nothing to change: give name, signature, isSecret or replaceAllMembersWith.', { source: 'LEXIANG' });
    const raw = await this.limit(() => this.client.updateTeam(this.auth, id, body));
    this.loaders.forgetLists();
    return this.prime(teamOf(raw));
  }

  async hideTeam(id: string): Promise<void> {
    await this.limit(() => this.client.hideTeam(this.auth, id));
    this.loaders.forgetLists();
    this.loaders.teamById.clear(id).prime(id, null);
  }

  // --- plumbing ---

  private prime(team: TeamModel): TeamModel {
    return replaceInLoader(team, this.loaders.teamById);
  }
}
