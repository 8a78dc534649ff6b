import { z } from 'zod';
import { ConfigError } from '../../ConfigError.js';
import type { Env } from './VendorModule.js';

/** An http(s) origin (optionally with a base path); a trailing slash is dropped. */
export const baseUrlVar = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''));

/** A non-empty secret or name. */
export const textVar = z.string().min(1);

/**
 * Reads a vendor's variables with its zod schema. An invalid value stops start-up with a
 * message naming the variable, never the value (some are secrets).
 */
export function readEnv<S extends z.ZodType>(schema: S, env: Env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/**
 * Variables that only make sense together: all of them, or none. Returns the values when all
 * are set, undefined when none is.
 */
export function allOrNone<const N extends readonly string[]>(env: Env, names: N): { [K in N[number]]: string } | undefined {
  const given = names.filter((name) => env[name] !== undefined);
  if (given.length === 0) return undefined;
  if (given.length < names.length) {
    const list = names.length === 2 ? `both ${names[0]} and ${names[1]}, or neither` : `all of ${names.slice(0, -1).join(', ')} and ${names.at(-1)}, or none`;
    throw new ConfigError(`Invalid configuration: set ${list}`);
  }
  return Object.fromEntries(names.map((name) => [name, env[name]])) as { [K in N[number]]: string };
}

/** Credentials given without the base URL they are for: a mistake worth stopping for. */
export function credentialsWithoutBaseUrl(credentialVars: string, baseUrlVariable: string): ConfigError {
  return new ConfigError(`Invalid configuration: ${credentialVars} are set but ${baseUrlVariable} is not`);
}
