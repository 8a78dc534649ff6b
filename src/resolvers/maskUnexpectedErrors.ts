import { GraphQLError, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { ErrorCode, TesseraError } from '../errors.js';

type FieldResolver = (parent: unknown, args: unknown, ctx: Context, info: GraphQLResolveInfo) => unknown;

/**
 * Wraps every field resolver so that an exception Tessera does not know (a bug, a library's
 * error, a vendor answer that breaks an assumption) is logged where the request is known, under
 * its request ID with the field's path, and reaches the client as "Unexpected error."
 * (INTERNAL_SERVER_ERROR) with no detail. Tessera's own errors and GraphQL's pass untouched.
 * The error formatter still masks anything thrown outside a field resolver.
 */
export function maskUnexpectedErrors<R extends object>(resolvers: R): R {
  return Object.fromEntries(Object.entries(resolvers).map(([typeName, fields]) => [typeName, isPlainObject(fields) ? maskFields(fields) : fields])) as R;
}

function maskFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, field]) => {
      // `__resolveType`, `__isTypeOf`, `__resolveReference` take other arguments and are left alone.
      if (name.startsWith('__')) return [name, field];
      if (typeof field === 'function') return [name, masked(field as FieldResolver)];
      if (isPlainObject(field) && typeof field.resolve === 'function') return [name, { ...field, resolve: masked(field.resolve as FieldResolver) }];
      return [name, field];
    }),
  );
}

function masked(resolve: FieldResolver): FieldResolver {
  return (parent, args, ctx, info) => {
    const mask = (error: unknown) => maskedError(error, ctx, info);
    try {
      const result = resolve(parent, args, ctx, info);
      // A list may hold promises of its own (`nodes(ids)`): each item fails on its own.
      if (Array.isArray(result)) return result.map((item: unknown) => (isPromise(item) ? item.catch((error: unknown) => Promise.reject(mask(error))) : item));
      return isPromise(result) ? result.catch((error: unknown) => Promise.reject(mask(error))) : result;
    } catch (error) {
      throw mask(error);
    }
  };
}

function maskedError(error: unknown, ctx: Context, info: GraphQLResolveInfo): unknown {
  if (error instanceof TesseraError || error instanceof GraphQLError) return error;
  ctx.logger.error({ err: error, path: responsePathAsArray(info.path).join('.') }, 'unexpected error in a resolver');
  return new TesseraError('Unexpected error.', ErrorCode.INTERNAL_SERVER_ERROR);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return value instanceof Promise;
}
