import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, LimitExceededError } from '../errors.js';

export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** graphql-js's message when `parseOptions.maxTokens` stops the parser (it says "more that"). */
const TOKEN_LIMIT_MESSAGE = /Document contains more th(?:at|an) \d+ tokens/;

/**
 * Makes every limit refusal read alike: `extensions.code` QUERY_TOO_COMPLEX (BAD_USER_INPUT for
 * an argument cap), with `limit` and `max`. Apollo reports a validation rule's error as
 * GRAPHQL_VALIDATION_FAILED and the parser's token limit as GRAPHQL_PARSE_FAILED whatever the
 * rule said; this restores the code the limit carries.
 */
export function withLimitErrors(formatError: FormatError, maxTokens: number): FormatError {
  return (formatted, error) => {
    const result = formatError(formatted, error);
    const limitError = [error, error instanceof GraphQLError ? error.originalError : undefined].find((e) => e instanceof LimitExceededError);
    if (limitError) return { ...result, extensions: { ...result.extensions, code: limitError.code } };
    if (result.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(result.message)) {
      return {
        message: `The document has more than ${maxTokens} tokens, the limit; it was not read further.`,
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'tokens', max: maxTokens },
      };
    }
    return result;
  };
}
