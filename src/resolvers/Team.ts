import type { TeamResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';

export const Team: TeamResolvers = {
  id: (team) => toGlobalId('Team', team.source, team.nativeId),
};
