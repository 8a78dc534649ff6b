import { LRUCache } from 'lru-cache';
import { localTimeMillis } from '../shared/localTimeMillis.js';

/**
 * MaxCloud writes times without a zone (`2023-05-11 16:34:54`) in the zone it is operated in.
 * `localTimeMillis` reads a wall-clock time at a fixed offset; this finds the offset an IANA
 * zone had at that wall-clock time, so a zone with daylight saving reads right on both sides
 * of a change. A wall-clock time a change skips (a spring-forward gap) reads as if the change
 * had not happened yet; one it repeats (a fall-back hour) reads as the later of the two.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows this IANA zone (`Asia/Shanghai`, `Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The offset of each UTC day on which it did not change (null: it changed that day), so a page
 * of tickets costs two `formatToParts` per distinct day instead of two per timestamp, the
 * largest CPU cost of a MaxCloud page in `npm run bench`. Zone data only, nothing of a caller.
 */
const DAY_MS = 86_400_000;
const steadyDays = new LRUCache<string, number | 'changes'>({ max: 10_000 });

/** Minutes east of UTC that `timeZone` had at the instant `epochMs` (`GMT+08:00` → 480). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const day = Math.floor(epochMs / DAY_MS);
  const key = `${timeZone} ${day}`;
  let steady = steadyDays.get(key);
  if (steady === undefined) {
    // One offset at both ends of the day: no change in between (zones change at most once a day).
    const first = offsetAt(day * DAY_MS, timeZone);
    steady = first === offsetAt((day + 1) * DAY_MS - 1, timeZone) ? first : 'changes';
    steadyDays.set(key, steady);
  }
  return steady === 'changes' ? offsetAt(epochMs, timeZone) : steady;
}

function offsetAt(epochMs: number, timeZone: string): number {
  const name = formatterOf(timeZone)
    .formatToParts(epochMs)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name ?? '');
  if (!match) throw new RangeError(`Unreadable offset "${name}" for ${timeZone}`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]) + Number(match[4] ?? 0) / 60;
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * Epoch milliseconds for a zone-less wall-clock time in `timeZone`; a value that carries its
 * own zone designator is read as written. NaN when unreadable.
 */
export function zonedTimeMillis(value: string, timeZone: string): number {
  const wallAsUtc = localTimeMillis(value, 0);
  if (Number.isNaN(wallAsUtc)) return NaN;
  // The offset at the wall-clock time read as UTC is off by at most one change; one more look settles it.
  const guess = zoneOffsetMinutes(wallAsUtc, timeZone);
  const offset = zoneOffsetMinutes(wallAsUtc - guess * 60_000, timeZone);
  return localTimeMillis(value, offset);
}

/** As `zonedTimeMillis`, as ISO-8601 UTC; throws on an unreadable value (raw schemas check first). */
export function zonedIsoUtc(value: string, timeZone: string): string {
  const ms = zonedTimeMillis(value, timeZone);
  if (Number.isNaN(ms)) throw new RangeError(`Unreadable timestamp: ${value.slice(0, 40)}`);
  return new Date(ms).toISOString();
}
