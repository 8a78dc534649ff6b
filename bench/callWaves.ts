/**
 * Sequential rounds ("waves") of vendor calls, from when each call arrived at its simulator and
 * was answered: a call's wave is 1 + the highest wave among the calls that ended before it
 * started (1 when none had). The query's waves are the highest wave of its calls. Calls that
 * overlap are in the same wave, so the measure needs the calls of one wave to overlap: the
 * simulators are given a fixed latency while it is taken.
 */
import type { ServedRequest } from '../src/simulators/kit/index.js';

export function callWaves(calls: readonly Pick<ServedRequest, 'startedAt' | 'endedAt'>[]): number {
  const byStart = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const waves: number[] = [];
  let deepest = 0;
  for (let i = 0; i < byStart.length; i++) {
    let wave = 1;
    for (let j = 0; j < i; j++) if (byStart[j]!.endedAt < byStart[i]!.startedAt) wave = Math.max(wave, waves[j]! + 1);
    waves.push(wave);
    deepest = Math.max(deepest, wave);
  }
  return deepest;
}
