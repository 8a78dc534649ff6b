import { BadUserInputError } from '../../errors.js';

/**
 * Encodes one dynamic path segment (an ID, a key). `.` and `..` are refused outright:
 * URL normalisation would resolve them — even percent-encoded — into another endpoint.
 * Everything else is percent-encoded, so `a/b?x=1` stays one segment.
 */
export function pathSegment(value: string, what = 'ID'): string {
  const trimmed = value.trim();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (trimmed.length === 0 || trimmed.length > 256 || trimmed === '.' || trimmed === '..' || /[\u0000-\u001f]/.test(value)) {
    throw new BadUserInputError(`Invalid ${what}.`);
  }
  return encodeURIComponent(value);
}
