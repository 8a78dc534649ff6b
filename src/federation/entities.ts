import { isAbstractType, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { expectGlobalId } from '../globalId.js';
import { personOf } from '../resolvers/Person.js';

/** A representation as the router sends it to `_entities`: `__typename` and the key's fields. */
export type Representation = { __typename: string } & Record<string, unknown>;

/** How another subgraph refers to one of Tessera's types, and how Tessera reads it back. */
export interface EntityDefinition {
  /** The `@key` field set another subgraph uses to refer to the type. */
  key: string;
  /**
   * The record behind a representation, read through the request's own loaders and
   * credentials; throws a TesseraError (the entity is then null with that error) when there is
   * none. Never returns null: an unknown key must say why.
   */
  resolveReference(reference: Representation, ctx: Context, info: GraphQLResolveInfo): Promise<unknown>;
}

/**
 * A Node by its global ID, read as `node(id)` reads it (the issuing vendor's per-request
 * loader, so N representations of one record cost one call). The ID must be of the
 * representation's type, or of one of its implementations for an interface.
 */
const byGlobalId: EntityDefinition = {
  key: 'id',
  async resolveReference(reference, ctx, info) {
    const id = keyField(reference, 'id');
    const type = info.schema.getType(reference.__typename);
    const types = type && isAbstractType(type) ? info.schema.getPossibleTypes(type).map((t) => t.name) : [reference.__typename];
    const node = await ctx.fetchNode(expectGlobalId(id, ...types));
    if (node === null) throw new NotFoundError(`Nothing has the ID "${id}".`);
    return node;
  },
};

/**
 * Every type another subgraph can refer to, with its key: the one list the subgraph schema's
 * `@key` directives and `__resolveReference` resolvers are made from (`createSubgraphSchema`).
 * Every `Node` is keyed by its global ID (a test holds that none is missing); a person by
 * e-mail address, as across Tessera's own vendors.
 */
export const entities: Readonly<Record<string, EntityDefinition>> = {
  // Tickets, by concrete type and as the interface (another subgraph that stores a ticket ID
  // does not know the vendor: it refers to `Ticket` through `@interfaceObject`).
  Ticket: byGlobalId,
  DreamreflexTicket: byGlobalId,
  ZammadTicket: byGlobalId,
  MaxCloudTicket: byGlobalId,
  Device: byGlobalId,
  DeviceType: byGlobalId,
  DeviceGroup: byGlobalId,
  ThingsCloudCustomer: byGlobalId,
  Team: byGlobalId,
  Contract: byGlobalId,
  Project: byGlobalId,
  BusinessAccount: byGlobalId,
  ZammadUser: byGlobalId,
  ZammadOrganization: byGlobalId,
  ZammadGroup: byGlobalId,
  ZammadArticle: byGlobalId,
  MaxCloudCompany: byGlobalId,

  Person: {
    key: 'email',
    async resolveReference(reference) {
      const email = keyField(reference, 'email');
      const person = personOf(email);
      if (!person) throw new BadUserInputError(`"${email.slice(0, 80)}" is not an e-mail address.`);
      return person;
    },
  },
  // Dreamreflex shows a user only to themselves: the caller's own account resolves, anyone else's is NOT_FOUND.
  DreamreflexUser: {
    key: 'id',
    async resolveReference(reference, ctx) {
      const id = keyField(reference, 'id');
      const { nativeId } = expectGlobalId(id, 'DreamreflexUser');
      const me = await ctx.dreamreflex.me();
      if (me.nativeId !== nativeId) throw new NotFoundError(`Dreamreflex shows a user only to themselves; "${id}" is not the caller.`);
      return me;
    },
  },
  // MaxCloud has no user lookup and its user ID is not always known (a switched session lacks it): keyed
  // by e-mail, resolving only the account of the token this request uses, as `Person.maxCloudUser` does.
  MaxCloudUser: {
    key: 'email',
    async resolveReference(reference, ctx) {
      const email = keyField(reference, 'email').trim().toLowerCase();
      const account = await ctx.maxcloud.account();
      if (account?.email !== email) throw new NotFoundError(`MaxCloud shows only the account of the token in use; "${email.slice(0, 80)}" is not it.`);
      return account;
    },
  },
};

function keyField(reference: Representation, field: string): string {
  const value = reference[field];
  if (typeof value !== 'string') throw new BadUserInputError(`A ${reference.__typename} representation needs "${field}" as a string.`);
  return value;
}
