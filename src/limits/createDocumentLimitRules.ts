import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { LimitExceededError } from '../errors.js';
import type { QueryLimits } from './QueryLimits.js';

const WHAT = {
  depth: (found: string, max: number) => `The operation nests fields ${found} deep; the limit is ${max}.`,
  aliases: (found: string, max: number) => `The operation has ${found} aliases; the limit is ${max}.`,
  directives: (found: string, max: number) => `The operation has ${found} directives; the limit is ${max}.`,
} as const;

/**
 * graphql-armor's depth, alias and directive limits as validation rules, reporting a
 * LimitExceededError (QUERY_TOO_COMPLEX, `extensions.limit`/`max`/`found`) instead of armor's
 * "Syntax Error: …". Armor's token limit is not used: graphql-js's parser has one (Apollo's
 * `parseOptions.maxTokens`), which stops reading at the limit instead of lexing the document a
 * second time. Its cost limit is not used either: `estimateOperation` knows list sizes and
 * variables. Suggestions are scrubbed by `withoutSuggestions`, which also covers enum values.
 */
export function createDocumentLimitRules(limits: Pick<QueryLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives'>): ValidationRule[] {
  const report =
    (name: keyof typeof WHAT, max: number) =>
    (context: ValidationContext | null, armorError: GraphQLError): void => {
      const found = /found (\d+)/.exec(armorError.message)?.[1];
      context?.reportError(new LimitExceededError(WHAT[name](found ?? `more than ${max}`, max), { name, max, ...(found && { found: Number(found) }) }));
    };
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    // Depth counts fields only: a fragment is not a level. Introspection's `__schema` is deep by nature and not counted.
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, exposeLimits: true, propagateOnRejection: false, onReject: [report('depth', limits.maxDepth)] },
    maxAliases: { n: limits.maxAliases, exposeLimits: true, propagateOnRejection: false, onReject: [report('aliases', limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true, propagateOnRejection: false, onReject: [report('directives', limits.maxDirectives)] },
  });
  return armor.protect().validationRules;
}
