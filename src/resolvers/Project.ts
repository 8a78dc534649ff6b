import type { ProjectResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import { toConnection, toPageRequest } from '../pagination.js';

/** Files, links and tasks: up to 2000 per field (the vendor pages by 500). */
export const PROJECT_ITEM_LIMITS = { defaultFirst: 100, maxFirst: 2000 } as const;

export const Project: ProjectResolvers = {
  id: (project) => toGlobalId('Project', project.source, project.nativeId),
  files: async (project, { first, after, filename, tag }, ctx) =>
    toConnection(await ctx.dreamreflex.projectFiles(project.nativeId, toPageRequest({ first, after }, PROJECT_ITEM_LIMITS), { filename, tag })),
  links: async (project, args, ctx) => toConnection(await ctx.dreamreflex.projectLinks(project.nativeId, toPageRequest(args, PROJECT_ITEM_LIMITS))),
  tasks: async (project, { first, after, status }, ctx) =>
    toConnection(await ctx.dreamreflex.projectTasks(project.nativeId, toPageRequest({ first, after }, PROJECT_ITEM_LIMITS), status)),
};
