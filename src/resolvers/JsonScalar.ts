import { GraphQLError, GraphQLScalarType } from 'graphql';
import { JSONResolver } from 'graphql-scalars';

/**
 * How deep a `JSON` argument may nest. Far beyond any attribute value, tag map or data-stream
 * message a vendor takes, and far below where serialising the vendor's request body would run
 * out of stack (about 5,000 levels): a value that deep is the caller's mistake (BAD_USER_INPUT),
 * never a failure of the vendor.
 */
export const JSON_MAX_DEPTH = 64;

/** graphql-scalars' `JSON`, refusing input nested deeper than `JSON_MAX_DEPTH`. */
export const JsonScalar = new GraphQLScalarType({
  ...JSONResolver.toConfig(),
  parseValue: (value) => JSONResolver.parseValue(withinDepth(value)),
  parseLiteral: (ast, variables) => withinDepth(JSONResolver.parseLiteral(ast, variables)),
});

/** Checks the depth without recursion, so that the check itself cannot overflow the stack. */
function withinDepth(value: unknown): unknown {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= JSON_MAX_DEPTH) throw new GraphQLError(`JSON values may not be nested more than ${JSON_MAX_DEPTH} levels deep.`);
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return value;
}
