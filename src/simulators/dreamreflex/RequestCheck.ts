import type { Request } from 'express';
import { RequestValidationError, type ValidationIssue } from './HttpError.js';

/** How one body field is validated, mirroring the vendor's pydantic models. */
export type FieldRule =
  | {
      kind: 'string';
      required?: boolean;
      minLength?: number;
      maxLength?: number;
      /** A regular expression in Python syntax that also works in JavaScript. */
      pattern?: string;
      /** A custom validator: returns the message of a pydantic `value_error`, or null. */
      check?: (value: string) => string | null;
    }
  | { kind: 'email'; required?: boolean }
  | { kind: 'enum'; values: readonly string[]; required?: boolean }
  | { kind: 'boolean'; required?: boolean };

export type BodyRules = Record<string, FieldRule>;

/**
 * The fields present in a validated body (absent key = not sent; pydantic's
 * `exclude_unset`). Optional fields may be null.
 */
export type BodyValues = Record<string, string | boolean | null>;

/** No body was sent: FastAPI then validates `None`. */
export const noBody = Symbol('noBody');
export type JsonBody = unknown;

/**
 * Collects validation issues the way FastAPI does (query parameters first, then the
 * body) and throws them together as one 422 in `done()`.
 */
export class RequestCheck {
  private readonly issues: ValidationIssue[] = [];

  constructor(private readonly req: Request) {}

  /** An integer query parameter with a default and bounds (`Query(10, ge=1, le=100)`). */
  int(name: string, options: { default: number; ge?: number; le?: number }): number {
    const raw = this.queryValue(name);
    if (raw === undefined) return options.default;
    const loc = ['query', name];
    if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
      this.issues.push({ type: 'int_parsing', loc, msg: 'Input should be a valid integer, unable to parse string as an integer', input: raw });
      return options.default;
    }
    const value = Number.parseInt(raw, 10);
    if (options.ge !== undefined && value < options.ge) {
      this.issues.push({ type: 'greater_than_equal', loc, msg: `Input should be greater than or equal to ${options.ge}`, input: raw, ctx: { ge: options.ge } });
    } else if (options.le !== undefined && value > options.le) {
      this.issues.push({ type: 'less_than_equal', loc, msg: `Input should be less than or equal to ${options.le}`, input: raw, ctx: { le: options.le } });
    }
    return value;
  }

  /** An optional enum query parameter (`Optional[TicketStatus] = None`). */
  enumValue<T extends string>(name: string, values: readonly T[]): T | undefined {
    const raw = this.queryValue(name);
    if (raw === undefined) return undefined;
    if ((values as readonly string[]).includes(raw)) return raw as T;
    this.issues.push(enumIssue(['query', name], raw, values));
    return undefined;
  }

  /** An optional free-text query parameter; empty counts as absent, as the vendor's `if tag:` does. */
  text(name: string): string | undefined {
    const raw = this.queryValue(name);
    return raw === undefined || raw === '' ? undefined : raw;
  }

  /** Validates a JSON body against a model; the whole body is required, as a FastAPI body parameter is by default. */
  body(raw: JsonBody | typeof noBody, rules: BodyRules): BodyValues {
    if (raw === noBody || raw === null) {
      this.issues.push({ type: 'missing', loc: ['body'], msg: 'Field required', input: null });
      return {};
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      this.issues.push({ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: raw });
      return {};
    }
    return this.fields(raw as Record<string, unknown>, rules, (name) => ['body', name], raw);
  }

  /** Validates form fields (`application/x-www-form-urlencoded`); FastAPI reports a missing form field with input null. */
  form(fields: Record<string, string>, rules: BodyRules): BodyValues {
    return this.fields(fields, rules, (name) => ['body', name], null);
  }

  /** Throws the collected issues, if any, as one 422. */
  done(): void {
    if (this.issues.length > 0) throw new RequestValidationError([...this.issues]);
  }

  private fields(source: Record<string, unknown>, rules: BodyRules, locOf: (name: string) => (string | number)[], missingInput: unknown): BodyValues {
    const values: BodyValues = {};
    for (const [name, rule] of Object.entries(rules)) {
      const loc = locOf(name);
      if (!Object.prototype.hasOwnProperty.call(source, name)) {
        if (rule.required) this.issues.push({ type: 'missing', loc, msg: 'Field required', input: missingInput });
        continue;
      }
      const input = source[name];
      if (input === null && !rule.required) {
        values[name] = null;
        continue;
      }
      const issue = checkField(rule, input, loc);
      if (issue) this.issues.push(issue);
      else values[name] = rule.kind === 'boolean' ? (toBoolean(input) as boolean) : (input as string);
    }
    return values;
  }

  /** Starlette keeps the last of repeated query parameters. */
  private queryValue(name: string): string | undefined {
    const raw: unknown = (this.req.query as Record<string, unknown>)[name];
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    return typeof value === 'string' ? value : undefined;
  }
}

function checkField(rule: FieldRule, input: unknown, loc: (string | number)[]): ValidationIssue | null {
  switch (rule.kind) {
    case 'boolean':
      if (toBoolean(input) !== undefined) return null;
      return typeof input === 'string'
        ? { type: 'bool_parsing', loc, msg: 'Input should be a valid boolean, unable to interpret input', input }
        : { type: 'bool_type', loc, msg: 'Input should be a valid boolean', input };
    case 'enum':
      return typeof input === 'string' && rule.values.includes(input) ? null : enumIssue(loc, input, rule.values);
    case 'email': {
      if (typeof input !== 'string') return stringTypeIssue(loc, input);
      const reason = emailProblem(input);
      return reason === null ? null : { type: 'value_error', loc, msg: `value is not a valid email address: ${reason}`, input, ctx: { reason } };
    }
    case 'string': {
      if (typeof input !== 'string') return stringTypeIssue(loc, input);
      // pydantic counts code points, as Python's len() does.
      const length = [...input].length;
      if (rule.minLength !== undefined && length < rule.minLength) {
        return { type: 'string_too_short', loc, msg: `String should have at least ${rule.minLength} character${rule.minLength === 1 ? '' : 's'}`, input, ctx: { min_length: rule.minLength } };
      }
      if (rule.maxLength !== undefined && length > rule.maxLength) {
        return { type: 'string_too_long', loc, msg: `String should have at most ${rule.maxLength} character${rule.maxLength === 1 ? '' : 's'}`, input, ctx: { max_length: rule.maxLength } };
      }
      if (rule.pattern !== undefined && !new RegExp(rule.pattern, 'u').test(input)) {
        return { type: 'string_pattern_mismatch', loc, msg: `String should match pattern '${rule.pattern}'`, input, ctx: { pattern: rule.pattern } };
      }
      const problem = rule.check?.(input) ?? null;
      // FastAPI serializes the ValueError in ctx as an empty object.
      return problem === null ? null : { type: 'value_error', loc, msg: `Value error, ${problem}`, input, ctx: { error: {} } };
    }
  }
}

function stringTypeIssue(loc: (string | number)[], input: unknown): ValidationIssue {
  return { type: 'string_type', loc, msg: 'Input should be a valid string', input };
}

function enumIssue(loc: (string | number)[], input: unknown, values: readonly string[]): ValidationIssue {
  const quoted = values.map((v) => `'${v}'`);
  const expected = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}` : (quoted[0] ?? '');
  return { type: 'enum', loc, msg: `Input should be ${expected}`, input, ctx: { expected } };
}

const trueWords = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const falseWords = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

/** pydantic's lax boolean: true/false, 0/1, and the usual words. */
function toBoolean(input: unknown): boolean | undefined {
  if (typeof input === 'boolean') return input;
  if (input === 0 || input === 1) return input === 1;
  if (typeof input === 'string') {
    const word = input.trim().toLowerCase();
    if (trueWords.has(word)) return true;
    if (falseWords.has(word)) return false;
  }
  return undefined;
}

/**
 * A syntax check in the spirit of the `email-validator` package pydantic's EmailStr
 * uses (same reasons for the common mistakes). Unlike it, special-use domains such as
 * `.local` are accepted so the simulator's demo account can log in.
 */
export function emailProblem(email: string): string | null {
  const at = email.split('@');
  if (at.length < 2) return 'An email address must have an @-sign.';
  if (at.length > 2) return 'The email address is not valid. It must have exactly one @-sign.';
  const [local = '', domain = ''] = at;
  if (local === '') return 'There must be something before the @-sign.';
  if (domain === '') return 'There must be something after the @-sign.';
  if (/\s/.test(email)) return 'The email address contains invalid characters before the @-sign: SPACE.';
  if (!/^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return 'The email address contains invalid characters before the @-sign.';
  }
  if (!domain.includes('.')) return 'The part after the @-sign is not valid. It should have a period.';
  if (!/^[\p{L}\p{N}.-]+$/u.test(domain) || domain.split('.').some((label) => label === '' || label.startsWith('-') || label.endsWith('-'))) {
    return 'The part after the @-sign contains invalid characters.';
  }
  return null;
}

/** Lower-cases the domain as email-validator's normalization does; the local part keeps its case. */
export function normalizeEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}
