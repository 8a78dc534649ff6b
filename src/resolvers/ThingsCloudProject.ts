import type { ThingsCloudAdminResolvers, ThingsCloudProjectResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';

export const ThingsCloudProject: ThingsCloudProjectResolvers = {
  id: (project) => toGlobalId('ThingsCloudProject', project.source, project.nativeId),
  deviceStats: (_project, _args, ctx) => ctx.thingscloud.deviceStats(),
  alarmStats: (_project, _args, ctx) => ctx.thingscloud.alarmStats(),
};

export const ThingsCloudAdmin: ThingsCloudAdminResolvers = {
  id: (admin) => toGlobalId('ThingsCloudAdmin', admin.source, admin.nativeId),
};
