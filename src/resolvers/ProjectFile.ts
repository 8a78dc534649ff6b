import type { ProjectFileResolvers, ProjectLinkResolvers, ProjectTaskResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';

export const ProjectFile: ProjectFileResolvers = {
  id: (file) => toGlobalId('ProjectFile', file.source, file.nativeId),
  download: (file, _args, ctx) => ctx.dreamreflex.fileDownload(file.nativeId),
};

export const ProjectLink: ProjectLinkResolvers = {
  id: (link) => toGlobalId('ProjectLink', link.source, link.nativeId),
};

export const ProjectTask: ProjectTaskResolvers = {
  id: (task) => toGlobalId('ProjectTask', task.source, task.nativeId),
};
