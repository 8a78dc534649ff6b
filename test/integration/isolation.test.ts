import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { thingsCloudDemoCredentials } from '../../src/simulators/thingscloud/index.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

/**
 * Per-request state must stay per request under load: many requests of different callers in
 * flight at once, each answered with its own credentials only (no shared loader, no token or
 * staff member carried over from a neighbour).
 */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ thingscloud: { extraAdmins: [{ account: 'ops', password: 'Ops@2024-secret', name: '运维值班' }] } });
});
afterAll(() => gw.close());

/** Round-robin over the callers, `rounds` times: A, B, C, A, B, C, … */
const interleaved = <T>(callers: readonly T[], rounds: number): T[] => Array.from({ length: callers.length * rounds }, (_, i) => callers[i % callers.length]!);

describe('ThingsCloud tokens under concurrency', () => {
  it('answers each of 45 interleaved requests as the caller whose x-thingscloud-token it carries', async () => {
    const login = async (account: string, password: string) => {
      const { body } = await gw.gql('mutation($input: ThingsCloudAdminLoginInput!) { thingsCloudAdminLogin(input: $input) { accessToken } }', { input: { account, password } });
      expect(body.errors).toBeUndefined();
      return (body.data!.thingsCloudAdminLogin as { accessToken: string }).accessToken;
    };
    const admin = { token: await login(thingsCloudDemoCredentials.adminAccount, thingsCloudDemoCredentials.adminPassword), account: 'admin' };
    const ops = { token: await login('ops', 'Ops@2024-secret'), account: 'ops' };
    // A third caller with no token of their own: the service app, which is no administrator.
    const service = { token: undefined, account: null };

    // Slow answers keep many requests of different callers in flight together.
    gw.thingscloud.setFaults({ latencyMs: 30 });
    gw.thingscloud.requests.reset();
    try {
      // Well below TESSERA_MAX_IN_FLIGHT (64), so that none is shed.
      const callers = interleaved([admin, ops, service], 15);
      const answers = await Promise.all(
        callers.map((caller) =>
          gw.gql('{ me { thingscloud { account } } thingsCloudProject { name } }', undefined, caller.token ? { 'x-thingscloud-token': caller.token } : withApiKey),
        ),
      );
      for (const [i, { body }] of answers.entries()) {
        const caller = callers[i]!;
        expect((body.data!.thingsCloudProject as { name: string }).name).toBe('Tessera 演示项目');
        if (caller.account) {
          expect(body.errors).toBeUndefined();
          expect(body.data!.me).toEqual({ thingscloud: { account: caller.account } });
        } else {
          expect(body.data!.me).toEqual({ thingscloud: null });
          expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
        }
      }
      expect(gw.thingscloud.requests.peakInFlight()).toBeGreaterThan(3);
    } finally {
      gw.thingscloud.clearFaults();
    }
  });
});

describe('Lexiang staff members under concurrency', () => {
  it('lands each of 30 interleaved writes as the staff member its x-lexiang-staff-id names', async () => {
    await gw.gql('{ teams(first: 1) { totalCount } }', undefined, withApiKey); // the app token, fetched once beforehand
    gw.lexiang.setFaults({ latencyMs: 30, pathPrefix: '/cgi-bin/v1/' });
    gw.lexiang.requests.reset();
    try {
      const staff = interleaved(['TwoWang', 'FourLee', 'HanMeimei'], 10);
      const created = await Promise.all(
        staff.map((staffId, i) =>
          gw.gql('mutation($input: CreateLexiangTeamInput!) { createLexiangTeam(input: $input) { nativeId name } }', { input: { name: `并发-${i}` } }, { ...withApiKey, 'x-lexiang-staff-id': staffId }),
        ),
      );
      for (const [i, { body }] of created.entries()) {
        expect(body.errors).toBeUndefined();
        const team = body.data!.createLexiangTeam as { nativeId: string; name: string };
        expect(team.name).toBe(`并发-${i}`);
        expect(gw.lexiangTeams.peek(team.nativeId)!.creatorStaffId).toBe(staff[i]);
      }
      expect(gw.lexiang.requests.peakInFlight()).toBeGreaterThan(3);
    } finally {
      gw.lexiang.clearFaults();
    }
  });
});
