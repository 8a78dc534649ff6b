import type { PersonResolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { TesseraError } from '../errors.js';
import type { DreamreflexUserModel, PersonModel } from '../models.js';
import { mergedTickets } from './mergedTickets.js';

export const Person: PersonResolvers = {
  name: async (person, _args, ctx) => person.name ?? (await knownName(person, ctx)),
  createdTickets: (person, { filter, ...page }, ctx, info) =>
    mergedTickets(ctx, info, { ...page, sources: filter?.sources }, { status: filter?.status, person: { email: person.email, role: 'CREATOR' } }),
  assignedTickets: (person, { filter, ...page }, ctx, info) =>
    mergedTickets(ctx, info, { ...page, sources: filter?.sources }, { status: filter?.status, person: { email: person.email, role: 'ASSIGNEE' } }),
  customerTickets: (person, { filter, ...page }, ctx, info) =>
    mergedTickets(ctx, info, { ...page, sources: filter?.sources }, { status: filter?.status, person: { email: person.email, role: 'CUSTOMER' } }),
  zammadUser: (person, _args, ctx) => ctx.zammad.userByEmail(person.email),
  dreamreflexUser: (person, _args, ctx) => dreamreflexUserOf(person, ctx),
  maxCloudUser: async (person, _args, ctx) => {
    const account = await ctx.maxcloud.account();
    return account?.email === person.email ? account : null;
  },
};

/** A person by e-mail address, as `person(email)` takes it: trimmed and lower-cased; null for something that is no address. */
export function personOf(email: string): PersonModel | null {
  const normalized = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(normalized) && normalized.length <= 254 ? { email: normalized, name: null } : null;
}

/** The caller's Dreamreflex profile when it is this person's; Dreamreflex shows no one else's. */
async function dreamreflexUserOf(person: PersonModel, ctx: Context): Promise<DreamreflexUserModel | null> {
  const me = await ctx.dreamreflex.me();
  return me.email.toLowerCase() === person.email ? me : null;
}

/**
 * A name for a person reached without one (a Dreamreflex ticket knows only addresses): Zammad's
 * user, else the caller's Dreamreflex profile. A vendor that cannot answer leaves the name null
 * rather than failing it: the name is a courtesy, the address is the identity.
 */
async function knownName(person: PersonModel, ctx: Context): Promise<string | null> {
  const lookups: (() => Promise<string | null>)[] = [
    async () => (await ctx.zammad.userByEmail(person.email))?.name ?? null,
    async () => (await dreamreflexUserOf(person, ctx))?.fullName ?? null,
  ];
  for (const lookup of lookups) {
    try {
      const name = await lookup();
      if (name) return name;
    } catch (error) {
      if (!(error instanceof TesseraError)) throw error;
      ctx.logger.debug({ source: error.vendor, code: error.code }, 'no name for a person from this vendor');
    }
  }
  return null;
}
