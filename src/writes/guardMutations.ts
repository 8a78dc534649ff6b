import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { MutationResolvers, Resolver } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { BadUserInputError } from '../errors.js';
import type { Source } from '../models.js';
import type { RateLimitKind } from './rateLimits.js';

/**
 * Every mutation that creates a record, with the vendor whose credentials scope its idempotency
 * keys. Each takes an `idempotencyKey` argument (a test holds the schema to this list).
 */
export const createMutations = {
  registerDreamreflexUser: 'DREAMREFLEX',
  createDreamreflexTicket: 'DREAMREFLEX',
  applyForBusinessAccount: 'DREAMREFLEX',
  submitContactForm: 'DREAMREFLEX',
  createLexiangTeam: 'LEXIANG',
  createDevice: 'THINGSCLOUD',
  createThingsCloudCustomer: 'THINGSCLOUD',
  createZammadTicket: 'ZAMMAD',
  addZammadArticle: 'ZAMMAD',
  createZammadUser: 'ZAMMAD',
} as const satisfies { [F in keyof MutationResolvers]?: Source };

type ArgsOf<F extends keyof MutationResolvers> = NonNullable<MutationResolvers[F]> extends Resolver<infer _R, infer _P, infer _C, infer A> ? A : never;

/** A rate-limited mutation: its kind of limit, and the account or address it targets (counted per target as well as per caller). */
interface Limited<A> {
  kind: RateLimitKind;
  target(args: A, ctx: Context): string | undefined;
}

/**
 * Mutations that check a credential (a password, a code) or make a vendor send an e-mail:
 * counted before the vendor is called, per caller and per target. Targets name the vendor, so
 * one address's attempts at two vendors are counted apart.
 */
export const rateLimitedMutations: { [F in keyof MutationResolvers]?: Limited<ArgsOf<F>> } = {
  verifyThingsCloudCustomerLogin: { kind: 'credentialCheck', target: (args) => `thingscloud-customer:${args.account}` },
  thingsCloudAdminLogin: { kind: 'credentialCheck', target: (args) => `thingscloud-admin:${args.input.account}` },
  dreamreflexLogin: { kind: 'credentialCheck', target: (args) => `dreamreflex:${args.input.email}` },
  // Checks the 6-digit code sent by e-mail: a million guesses would find it.
  registerDreamreflexUser: { kind: 'credentialCheck', target: (args) => `dreamreflex:${args.input.email}` },
  // Checks the old password of the account whose token (or the service account) the request uses.
  changeDreamreflexPassword: { kind: 'credentialCheck', target: (_args, ctx) => `dreamreflex-session:${ctx.writes.caller.credentialDigest('DREAMREFLEX')}` },
  maxCloudLogin: { kind: 'credentialCheck', target: (args) => `maxcloud:${args.email}` },
  sendDreamreflexVerificationCode: { kind: 'email', target: (args) => `dreamreflex:${args.email}` },
  // Dreamreflex mails the submission on; the sender's address is the target.
  submitContactForm: { kind: 'email', target: (args) => `dreamreflex-contact:${args.input.email}` },
};

type AnyResolver = (parent: unknown, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) => unknown;

/**
 * Wraps the guarded mutations: the rate limit is counted first (refused before any vendor
 * call), then a create with an idempotency key runs through `Idempotency`. Other mutations
 * are returned untouched.
 */
export function guardMutations(resolvers: MutationResolvers): MutationResolvers {
  const all = resolvers as Record<string, unknown>;
  const guarded: Record<string, unknown> = { ...all };
  const creates: Readonly<Record<string, Source>> = createMutations;
  const limited = rateLimitedMutations as Readonly<Record<string, Limited<Record<string, unknown>>>>;
  for (const field of new Set([...Object.keys(creates), ...Object.keys(limited)])) {
    const resolve = all[field];
    if (typeof resolve !== 'function') throw new Error(`guardMutations: Mutation.${field} has no resolver`);
    const source = creates[field];
    const limit = limited[field];
    guarded[field] = async (parent: unknown, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) => {
      const { caller, guards } = ctx.writes;
      if (limit) await guards.rateLimiter.consume(limit.kind, caller.rateKey, limit.target(args, ctx));
      const run = () => (resolve as AnyResolver)(parent, args, ctx, info);
      if (!source) return run();
      const { idempotencyKey, ...input } = args;
      const key = idempotencyKeyOf(idempotencyKey, caller.idempotencyKeyHeader, info);
      if (key === undefined) return run();
      return guards.idempotency.run({ source, callerDigest: caller.credentialDigest(source), key, field, args: input, execute: run });
    };
  }
  return guarded as MutationResolvers;
}

/**
 * The field's `idempotencyKey` argument, else the `Idempotency-Key` header, which applies
 * only when the operation holds a single create field (with two, which one it meant is a guess).
 */
function idempotencyKeyOf(argument: unknown, header: string | undefined, info: GraphQLResolveInfo): string | undefined {
  let key = typeof argument === 'string' ? argument : undefined;
  if (key === undefined && header !== undefined) {
    const found = countCreateFields(info.operation.selectionSet, info);
    if (found > 1) {
      throw new BadUserInputError(
        `The Idempotency-Key header applies to an operation with one create field; this one has ${found}. Give each its own \`idempotencyKey\` argument instead.`,
      );
    }
    key = header;
  }
  if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new BadUserInputError('An idempotency key is 1–255 printable ASCII characters without spaces (a UUID, say).');
  }
  return key;
}

function countCreateFields(selectionSet: SelectionSetNode, info: GraphQLResolveInfo): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value in createMutations ? 1 : 0;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countCreateFields(selection.selectionSet, info);
    else {
      const fragment = info.fragments[selection.name.value];
      if (fragment) count += countCreateFields(fragment.selectionSet, info);
    }
  }
  return count;
}
