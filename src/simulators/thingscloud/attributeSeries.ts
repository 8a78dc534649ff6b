import type { DeviceAttributeState, SeriesGenerator } from './types.js';

/**
 * Attribute history is never stored: a generated attribute has one sample on every
 * multiple of the device's report interval (epoch-aligned), whose value is a pure
 * function of device id, identifier and time. So any window of the past year can be
 * paged through without materialising ~100k samples per attribute, and two runs of
 * the simulator agree on every historical value.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
/** Fixed origin for monotonic counters (energy), so they never run backwards between runs. */
const COUNTER_ORIGIN = Date.UTC(2024, 0, 1);

export interface SeriesSample {
  ts: number;
  value: unknown;
}

/** Deterministic pseudo-random number in [0, 1) from the given parts (FNV-1a, then a murmur finaliser). */
export function hashUnit(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u0001');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
/** Position within the local (UTC+8) day, 0..1, so daily curves peak in the Chinese afternoon. */
const dayPhase = (t: number) => (((t + 8 * HOUR) % DAY) + DAY) % DAY / DAY;

/** The value a generated attribute had at time `t`. */
export function generatedValueAt(deviceId: string, identifier: string, generator: SeriesGenerator, t: number): unknown {
  const noise = (bucketMs: number) => hashUnit(deviceId, identifier, Math.floor(t / bucketMs));
  const deviceUnit = hashUnit(deviceId, identifier, 'device');
  const daily = Math.sin(2 * Math.PI * (dayPhase(t) - 0.375)); // peaks at 15:00 local
  switch (generator) {
    case 'temperature': {
      const seasonal = -7 * Math.cos((2 * Math.PI * (t - Date.UTC(2024, 0, 15))) / YEAR);
      return round(18 + 8 * deviceUnit + seasonal + (2.5 + 2 * deviceUnit) * daily + (noise(60_000) - 0.5), 1);
    }
    case 'humidity':
      return round(Math.min(95, Math.max(12, 58 + 10 * deviceUnit - 14 * daily + 4 * (noise(60_000) - 0.5))), 1);
    case 'battery': {
      // Discharges over ~120 days, then gets a new battery.
      const cycle = 120 * DAY;
      const age = (((t + deviceUnit * cycle) % cycle) + cycle) % cycle;
      return Math.max(3, Math.round(100 - (age / cycle) * 97));
    }
    case 'switch':
      return noise(2 * HOUR) < 0.45;
    case 'power':
      return round(noise(2 * HOUR) < 0.45 ? 0 : 60 + 900 * deviceUnit + 120 * (noise(300_000) - 0.5), 1);
    case 'energy':
      return round(((0.2 + 1.8 * deviceUnit) * (t - COUNTER_ORIGIN)) / HOUR, 2);
    case 'rssi':
      return -50 - Math.round(40 * noise(600_000));
    case 'uptime': {
      const rebootEvery = 7 * DAY;
      const since = (((t + deviceUnit * rebootEvery) % rebootEvery) + rebootEvery) % rebootEvery;
      return Math.floor(since / 1000);
    }
    case 'pm25':
      return Math.max(2, Math.round(30 + 18 * deviceUnit + 20 * daily + 25 * noise(600_000)));
    case 'co2':
      return Math.round(420 + 600 * Math.max(0, daily) * (0.5 + deviceUnit) + 40 * noise(60_000));
    case 'status': {
      const u = noise(30 * 60_000);
      return u < 0.7 ? 'running' : u < 0.95 ? 'idle' : 'fault';
    }
    case 'meter':
      return {
        voltage: round(220 + 10 * (noise(60_000) - 0.5), 1),
        current: round(0.5 + 14 * hashUnit(deviceId, identifier, 'current', Math.floor(t / 300_000)), 2),
        power_factor: round(0.85 + 0.14 * hashUnit(deviceId, identifier, 'pf', Math.floor(t / DAY)), 2),
      };
    case 'firmware':
      return `v2.${Math.floor((t - COUNTER_ORIGIN) / (60 * DAY)) + Math.floor(3 * deviceUnit)}.${Math.floor(4 * noise(60 * DAY))}`;
    case 'mode': {
      const u = noise(DAY);
      return u < 0.6 ? 'auto' : u < 0.85 ? 'eco' : 'manual';
    }
    case 'config':
      return {
        report_interval: noise(7 * DAY) < 0.5 ? 60 : 300,
        threshold: { temperature_high: 35 + Math.round(10 * deviceUnit), humidity_high: 85 },
        led: noise(7 * DAY) < 0.8,
      };
  }
}

/** Samples of one attribute within [from, to], newest first, after skipping `offset` of them. */
export function readSeries(
  deviceId: string,
  attribute: DeviceAttributeState,
  intervalMs: number,
  window: { from: number; to: number },
  offset: number,
  limit: number,
): SeriesSample[] {
  // Newest first; of two writes in the same millisecond the later one counts as newer (reverse, then a stable sort).
  const writes = attribute.writes.filter((w) => w.ts >= window.from && w.ts <= window.to).reverse().sort((a, b) => b.ts - a.ts);
  let genHi = 0;
  let genCount = 0;
  if (attribute.generator !== null) {
    const lo = Math.max(window.from, attribute.generatedFrom);
    const hi = Math.min(window.to, attribute.generatedUntil ?? Number.POSITIVE_INFINITY);
    genHi = Math.floor(hi / intervalMs) * intervalMs;
    const genLo = Math.ceil(lo / intervalMs) * intervalMs;
    genCount = hi >= lo && genHi >= genLo ? (genHi - genLo) / intervalMs + 1 : 0;
  }
  const genTs = (j: number) => genHi - j * intervalMs;

  // Skip `offset` merged samples without visiting generated ones one by one. On equal timestamps the written value comes first.
  let j = 0;
  let k = 0;
  let skip = offset;
  while (skip > 0 && (j < genCount || k < writes.length)) {
    const write = writes[k];
    if (write === undefined) {
      const take = Math.min(genCount - j, skip);
      j += take;
      skip -= take;
      break;
    }
    const newerThanWrite = Math.min(genCount, Math.max(0, Math.ceil((genHi - write.ts) / intervalMs)));
    const take = Math.min(Math.max(0, newerThanWrite - j), skip);
    j += take;
    skip -= take;
    if (skip > 0) {
      k++;
      skip--;
    }
  }

  const out: SeriesSample[] = [];
  while (out.length < limit && (j < genCount || k < writes.length)) {
    const write = writes[k];
    const gen = j < genCount ? genTs(j) : Number.NEGATIVE_INFINITY;
    if (write !== undefined && write.ts >= gen) {
      out.push({ ts: write.ts, value: write.value });
      k++;
    } else {
      out.push({ ts: gen, value: generatedValueAt(deviceId, attribute.identifier, attribute.generator as SeriesGenerator, gen) });
      j++;
    }
  }
  return out;
}

/** The latest sample at or before `now`, or null when the attribute has none yet. */
export function currentSample(deviceId: string, attribute: DeviceAttributeState, intervalMs: number, now: number): SeriesSample | null {
  return readSeries(deviceId, attribute, intervalMs, { from: Number.NEGATIVE_INFINITY, to: now }, 0, 1)[0] ?? null;
}
