/**
 * Milliseconds since the epoch for a vendor timestamp, reading a value without a zone
 * designator as UTC (vendors that document UTC but omit the `Z`). NaN when unreadable.
 */
export function utcMillis(value: string): number {
  const text = value.trim();
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`);
}

/**
 * Normalises a vendor timestamp to ISO-8601 UTC (`2024-01-01T10:00:00.000Z`). Returns null
 * for null; throws on an unreadable value (raw schemas check first, so this is a bug guard).
 */
export function isoUtc(value: string): string;
export function isoUtc(value: string | null): string | null;
export function isoUtc(value: string | null): string | null {
  if (value === null) return null;
  const ms = utcMillis(value);
  if (Number.isNaN(ms)) throw new RangeError(`Unreadable timestamp: ${value.slice(0, 40)}`);
  return new Date(ms).toISOString();
}
