import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { expectGlobalId, toGlobalId } from '../globalId.js';

export const Mutation: MutationResolvers = {
  sendDreamreflexVerificationCode: (_parent, { email }, ctx) => ctx.dreamreflex.sendVerificationCode(email),
  registerDreamreflexUser: (_parent, { input }, ctx) => ctx.dreamreflex.register(input),
  dreamreflexLogin: (_parent, { input }, ctx) => ctx.dreamreflex.login(input),
  updateDreamreflexProfile: (_parent, { input }, ctx) => ctx.dreamreflex.updateProfile(input),
  changeDreamreflexPassword: (_parent, { input }, ctx) => ctx.dreamreflex.changePassword(input),

  createDreamreflexTicket: (_parent, { input }, ctx) => ctx.dreamreflex.createTicket(input),
  updateDreamreflexTicket: (_parent, { id, input }, ctx) => ctx.dreamreflex.updateTicket(expectGlobalId(id, 'DreamreflexTicket').nativeId, input),
  deleteDreamreflexTicket: async (_parent, { id }, ctx) => {
    const { nativeId } = expectGlobalId(id, 'DreamreflexTicket');
    await ctx.dreamreflex.deleteTicket(nativeId);
    return { deletedId: toGlobalId('DreamreflexTicket', 'DREAMREFLEX', nativeId) };
  },

  setContractSigned: (_parent, { id, isSigned }, ctx) => ctx.dreamreflex.setContractSigned(expectGlobalId(id, 'Contract').nativeId, isSigned),

  applyForBusinessAccount: (_parent, { input }, ctx) => ctx.dreamreflex.applyForBusinessAccount(input),
  updateBusinessAccount: (_parent, { input }, ctx) => ctx.dreamreflex.updateBusinessAccount(input),

  submitContactForm: (_parent, { input }, ctx) => ctx.dreamreflex.submitContactForm(input),

  createLexiangTeam: (_parent, { input }, ctx) => ctx.lexiang.createTeam(input),
  updateLexiangTeam: (_parent, { id, input }, ctx) => ctx.lexiang.updateTeam(expectGlobalId(id, 'Team').nativeId, input),
  hideLexiangTeam: async (_parent, { id }, ctx) => {
    const { nativeId } = expectGlobalId(id, 'Team');
    await ctx.lexiang.hideTeam(nativeId);
    return { deletedId: toGlobalId('Team', 'LEXIANG', nativeId) };
  },
};
