/**
 * An error a Zammad controller raises, by the exception class Zammad uses for it. The
 * response body is built from it by `renderError`, as Zammad's `humanize_error` does.
 */
export type ZammadErrorKind =
  /** ActiveRecord::RecordNotFound → 404 */
  | 'not_found'
  /** Exceptions::Forbidden and Pundit::NotAuthorizedError → 403 */
  | 'forbidden'
  /** Exceptions::NotAuthorized → 401 */
  | 'unauthorized'
  /** Exceptions::UnprocessableEntity, ActiveRecord::RecordInvalid → 422 */
  | 'unprocessable'
  /** ActiveRecord::StatementInvalid (a database constraint) → 422, but its message is masked like a 500's. */
  | 'statement_invalid'
  /** A controller rendering `{error: …}` itself (no `error_human`), with its own status. */
  | 'rendered'
  /** Anything else (NoMethodError, RuntimeError …) → 500, masked for non-admins. */
  | 'internal';

const statusOf: Record<ZammadErrorKind, number> = { not_found: 404, forbidden: 403, unauthorized: 401, unprocessable: 422, statement_invalid: 422, rendered: 422, internal: 500 };

export class ZammadError extends Error {
  readonly status: number;

  constructor(readonly kind: ZammadErrorKind, message: string, status?: number) {
    super(message);
    this.name = 'ZammadError';
    this.status = status ?? statusOf[kind];
  }
}

/** Rails' RecordNotFound wording: `Couldn't find Ticket with 'id'=999`. */
export function notFound(model: string, id: string | number): ZammadError {
  return new ZammadError('not_found', `Couldn't find ${model} with 'id'=${id}`);
}

/** What Pundit policies answer when a record exists but the caller may not touch it. */
export function notAuthorized(): ZammadError {
  return new ZammadError('forbidden', 'Not authorized');
}

export function unprocessable(message: string): ZammadError {
  return new ZammadError('unprocessable', message);
}

/**
 * ActiveRecord::RecordInvalid: Rails words it `Validation failed: Title can't be blank, Group can't be blank`
 * (each failing attribute humanized, then its message, joined by ", ").
 */
export function recordInvalid(messages: readonly string[]): ZammadError {
  return new ZammadError('unprocessable', `Validation failed: ${messages.join(', ')}`);
}

/** Zammad's lookup of a name given for an association (`group: "Nope"`) that matches nothing. */
export function noLookupValue(attribute: string, value: unknown): ZammadError {
  return unprocessable(`No lookup value found for '${attribute}': ${JSON.stringify(value)}`);
}

export function internalError(message: string): ZammadError {
  return new ZammadError('internal', message);
}
