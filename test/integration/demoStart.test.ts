import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from '@jest/globals';
import { startAsTheReadmeSays, stopProcessGroup } from '../support/startAsTheReadmeSays.js';

describe('the demo started by `npm start`', () => {
  let child: ChildProcess | undefined;
  afterEach(() => stopProcessGroup(child));

  it('answers for every vendor through the URL it prints, with no configuration at all', async () => {
    const started = await startAsTheReadmeSays({});
    child = started.child;
    expect(started.output()).toContain('Tessera is running in demo mode');

    const response = await fetch(started.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{
          me { dreamreflex { email } }
          tickets(first: 3) { totalCount missingSources nodes { source } }
          contracts(first: 1) { totalCount }
          devices(first: 1) { totalCount }
          teams(first: 1) { totalCount }
          zammadTickets(first: 1) { totalCount }
          maxCloudTickets(first: 1) { totalCount }
        }`,
      }),
    });
    expect(response.status).toBe(200);
    const { data, errors } = (await response.json()) as { data: Record<string, { totalCount?: number | null; missingSources?: string[] } | null>; errors?: unknown[] };
    expect(errors).toBeUndefined();
    expect(data.me).toEqual({ dreamreflex: { email: expect.any(String) } });
    expect(data.tickets!.missingSources).toEqual([]);
    // Dreamreflex, ThingsCloud, Lexiang, Zammad and MaxCloud each answered from its simulator.
    for (const field of ['tickets', 'contracts', 'devices', 'teams', 'zammadTickets', 'maxCloudTickets']) {
      expect({ field, totalCount: data[field]!.totalCount }).toEqual({ field, totalCount: expect.any(Number) });
      expect(data[field]!.totalCount).toBeGreaterThan(0);
    }
  }, 60_000);
});
