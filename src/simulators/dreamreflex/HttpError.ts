/**
 * One pydantic-style validation failure, as FastAPI lists them in a 422 `detail`
 * (FastAPI drops pydantic's `url` key).
 */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/**
 * An error answered the FastAPI way: `{"detail": ...}` with the given status, where
 * `detail` is a message or, for 422, the list of validation issues.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string | ValidationIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof detail === 'string' ? detail : `${detail.length} validation error(s)`);
    this.name = 'HttpError';
  }
}

export class RequestValidationError extends HttpError {
  constructor(readonly issues: ValidationIssue[]) {
    super(422, issues);
    this.name = 'RequestValidationError';
  }
}
