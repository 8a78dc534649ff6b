/**
 * Normalises a vendor timestamp to ISO-8601 UTC (`2024-01-01T10:00:00.000Z`).
 * A value without a zone designator is read in `assumeZone` ('UTC' for vendors that
 * document UTC but omit the `Z`). Returns null for null; throws on an unreadable value.
 */
export function isoUtc(value: string, assumeZone?: 'UTC'): string;
export function isoUtc(value: string | null, assumeZone?: 'UTC'): string | null;
export function isoUtc(value: string | null, assumeZone: 'UTC' = 'UTC'): string | null {
  if (value === null) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim());
  const text = hasZone || assumeZone !== 'UTC' ? value : `${value.trim()}Z`;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new RangeError(`Unreadable timestamp: ${value.slice(0, 40)}`);
  return new Date(ms).toISOString();
}
