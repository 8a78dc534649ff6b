import type { FormatError } from './withLimitErrors.js';

/**
 * With introspection off, GraphQL's "Did you mean …?" hints would still tell an anonymous caller
 * the schema's field, argument, type and enum value names one guess at a time: they are cut from
 * every message. (graphql-armor's block-field-suggestions misses the enum-value form.)
 */
export function withoutSuggestions(formatError: FormatError): FormatError {
  return (formatted, error) => {
    const result = formatError(formatted, error);
    const message = result.message.replace(/\s*Did you mean\b[\s\S]*$/, '');
    return message === result.message ? result : { ...result, message };
  };
}
