import { buildDreamreflexSeed, dreamreflexDemoAccounts, dreamreflexSeedIds } from '../../../src/simulators/dreamreflex/index.js';
import { formatNaiveUtc, formatUtcZ, toTicketJson } from '../../../src/simulators/dreamreflex/serialize.js';

describe('Dreamreflex seed', () => {
  it('builds fresh objects with the same ids on every call', () => {
    const a = buildDreamreflexSeed();
    const b = buildDreamreflexSeed();
    expect(a.ids).toEqual(b.ids);
    expect(a.ids).toEqual(dreamreflexSeedIds);
    expect(a.state.tickets).not.toBe(b.state.tickets);
    expect(a.state.tickets[0]).not.toBe(b.state.tickets[0]);
    expect(a.state.tickets.map(toTicketJson)).toEqual(b.state.tickets.map(toTicketJson));
  });

  it('gives every record a unique 24-hex id', () => {
    const { state } = buildDreamreflexSeed();
    const all = [state.users, state.tickets, state.businessAccounts, state.contracts, state.projects, state.projectFiles, state.projectLinks, state.projectTasks].flat().map((r) => r.id);
    expect(all.every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it('has a user record for every demo account, and the data the README promises', () => {
    const { state } = buildDreamreflexSeed();
    for (const account of dreamreflexDemoAccounts) expect(state.users.some((u) => u.email === account.email)).toBe(true);
    const demoTickets = state.tickets.filter((t) => t.creator_email === 'demo@tessera.local');
    expect(demoTickets).toHaveLength(25);
    expect(new Set(demoTickets.map((t) => t.ticket_type))).toEqual(new Set(['financial', 'technical', 'business']));
    for (const t of demoTickets.filter((x) => x.status === 'replied')) {
      expect(t.feedback && t.responder_email && t.replied_at).toBeTruthy();
    }
    expect(state.users.find((u) => u.email === 'wang.lei@example.cn')?.is_active).toBe(false);
    expect(state.businessAccounts.some((a) => a.owner_email === 'john.smith@example.com')).toBe(false);
    const tasksPerProject = state.projects.map((p) => state.projectTasks.filter((t) => t.project_id === p.id).length);
    expect(Math.max(...tasksPerProject)).toBeGreaterThan(10);
  });
});

describe('Dreamreflex time format', () => {
  it('writes naive UTC and Z-suffixed UTC to the second', () => {
    const ms = Date.UTC(2024, 0, 1, 10, 0, 0, 789);
    expect(formatNaiveUtc(ms)).toBe('2024-01-01T10:00:00');
    expect(formatUtcZ(ms)).toBe('2024-01-01T10:00:00Z');
  });
});
