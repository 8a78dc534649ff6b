/**
 * One query's vendor calls, counted at the simulators: how many per route (token acquisition
 * excluded) and in how many waves. Shared by the bench and the call-count suite.
 */
import type { RunningSimulator, ServedRequest } from '../src/simulators/kit/index.js';
import { callWaves } from './callWaves.js';
import { TOKEN_ROUTES } from './floorVendors.js';

export interface CallProfile {
  calls: number;
  /** `vendor METHOD /route` → calls. */
  callsByRoute: Record<string, number>;
  waves: number;
}

/** Runs `run` once with fresh counters on `simulators` and profiles the calls it caused. */
export async function measureCalls<T>(simulators: Record<string, RunningSimulator>, run: () => Promise<T>): Promise<{ result: T; profile: CallProfile }> {
  for (const sim of Object.values(simulators)) sim.requests.reset();
  const result = await run();
  const served: ServedRequest[] = [];
  const callsByRoute: Record<string, number> = {};
  for (const [vendor, sim] of Object.entries(simulators)) {
    for (const call of sim.requests.timings()) {
      if (TOKEN_ROUTES.has(call.key)) continue;
      served.push(call);
      const key = `${vendor} ${call.key}`;
      callsByRoute[key] = (callsByRoute[key] ?? 0) + 1;
    }
  }
  const sorted = Object.fromEntries(Object.entries(callsByRoute).sort(([a], [b]) => a.localeCompare(b)));
  return { result, profile: { calls: served.length, callsByRoute: sorted, waves: callWaves(served) } };
}
