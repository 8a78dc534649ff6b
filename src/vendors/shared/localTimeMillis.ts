const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Milliseconds since the epoch for a vendor's wall-clock time (`2019-09-19 15:21:26`) written
 * without a zone, in a zone `utcOffsetMinutes` east of UTC (China: +480, no DST, so a fixed
 * offset is exact). A value that does carry a zone designator is read as written. NaN when
 * unreadable, including impossible dates such as `2019-02-30`.
 */
export function localTimeMillis(value: string, utcOffsetMinutes: number): number {
  const text = value.trim();
  if (HAS_ZONE.test(text)) return Date.parse(text);
  const match = WALL_CLOCK.exec(text);
  if (!match) return NaN;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Number((match[7] ?? '0').padEnd(3, '0'));
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 2019-02-30 over to March; a rolled-over date was not a real one.
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return NaN;
  return asUtc - utcOffsetMinutes * 60_000;
}
