/**
 * MaxCloud writes instants as `YYYY-MM-DD HH:mm:ss` with no zone; the service is operated in
 * China, so they are China Standard Time (UTC+8, no daylight saving).
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const CHINA_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Epoch milliseconds → `YYYY-MM-DD HH:mm:ss` in UTC+8 (milliseconds are dropped). */
export function formatChinaTime(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD HH:mm:ss` read as UTC+8 → epoch milliseconds; NaN when it is not in that form. */
export function parseChinaTime(text: string): number {
  const m = CHINA_TIME.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) - CHINA_OFFSET_MS;
}
