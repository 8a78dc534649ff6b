import type { MaxCloudUserResolvers } from '../__generated__/resolvers-types.js';

// MaxCloudSession's fields are the model's own; only the user's Person is derived.
export const MaxCloudUser: MaxCloudUserResolvers = {
  person: (user) => ({ email: user.email, name: null }),
};
