import type { MaxCloudCompany, MaxCloudUser } from './MaxCloudRecords.js';

/**
 * Companies 1 and 2 are the doc's own (DefaultTeam, AnotherTeam). The doc's switch example shows
 * AnotherTeam with two different `created_at` values; the simulator uses one, `2011-10-09 16:11:31`.
 * Company 3 is one the demo user does not belong to.
 */
export const seedCompanies: readonly MaxCloudCompany[] = [
  { id: 1, name: 'DefaultTeam', created_at: '2011-10-09 12:01:34' },
  { id: 2, name: 'AnotherTeam', created_at: '2011-10-09 16:11:31' },
  { id: 3, name: 'OpsLab', created_at: '2019-03-14 10:20:00' },
];

/**
 * People who also exist in the Dreamreflex and Zammad simulators, so cross-vendor views of a
 * person find MaxCloud tickets too (as reporter, assignee and in notification lists).
 */
export const SHARED_EMAILS = ['li.na@example.cn', 'john.smith@example.com', 'wang.lei@example.cn', 'demo@tessera.local'] as const;

/**
 * The demo login: `email`/`password` (user 88, the doc's example user id and flags) belongs to
 * DefaultTeam (`companyId`, its default) and AnotherTeam (`otherCompanyId`), not to OpsLab
 * (`foreignCompanyId`). `otherEmail`/`otherPassword` belongs to DefaultTeam only.
 */
export const maxCloudDemoCredentials = Object.freeze({
  email: 'ops.admin@spotmax.example',
  password: 'MaxCloud-Demo-2026',
  userId: 88,
  companyId: 1,
  otherCompanyId: 2,
  foreignCompanyId: 3,
  otherEmail: 'sre.chen@spotmax.example',
  otherPassword: 'Sre-Chen-2026',
});

function user(id: number, email: string, password: string, companyIds: number[], flags: Partial<Pick<MaxCloudUser, 'group_admin' | 'admin' | 'default_company_id'>> = {}): MaxCloudUser {
  const first = companyIds[0];
  if (first === undefined) throw new RangeError('a user needs a company');
  return {
    id, email, password,
    group_admin: flags.group_admin ?? 0,
    admin: flags.admin ?? 0,
    change_password: 0,
    default_company_id: flags.default_company_id ?? first,
    company_ids: companyIds,
  };
}

const d = maxCloudDemoCredentials;
export const seedUsers: readonly MaxCloudUser[] = [
  user(d.userId, d.email, d.password, [1, 2], { group_admin: 1, admin: 2 }),
  user(89, d.otherEmail, d.otherPassword, [1]),
  user(90, 'ops.lead@spotmax.example', 'Ops-Lead-2026', [1, 2, 3], { group_admin: 1, admin: 1 }),
  user(91, 'dba.zhao@spotmax.example', 'Dba-Zhao-2026', [1]),
  user(92, 'finops.liu@spotmax.example', 'FinOps-Liu-2026', [1, 3]),
  user(93, 'game.ops@spotmax.example', 'Game-Ops-2026', [2]),
  user(94, 'lab.owner@spotmax.example', 'Lab-Owner-2026', [3]),
  user(95, 'li.na@example.cn', 'Li-Na-MaxCloud-2026', [1, 2]),
  user(96, 'john.smith@example.com', 'John-Smith-MaxCloud-2026', [1, 2]),
  user(97, 'wang.lei@example.cn', 'Wang-Lei-MaxCloud-2026', [1, 2]),
  user(98, 'demo@tessera.local', 'Demo-MaxCloud-2026', [1, 2]),
];

/** Teams per company. Team 1 has no name, as in the doc's example ticket (`team_id: 1, team_name: ""`). */
export const seedTeams: Readonly<Record<number, readonly { id: number; name: string }[]>> = {
  1: [{ id: 1, name: '' }, { id: 2, name: 'SRE' }, { id: 3, name: '平台组' }, { id: 4, name: '数据组' }, { id: 5, name: 'FinOps' }],
  2: [{ id: 6, name: '' }, { id: 7, name: 'Game Ops' }, { id: 8, name: '发行平台' }],
  3: [{ id: 9, name: 'Lab' }],
};

/** The ops engineers who file and work tickets in each company (the shared people come on top). */
export const seedEngineers: Readonly<Record<number, readonly string[]>> = {
  1: [d.email, d.otherEmail, 'ops.lead@spotmax.example', 'dba.zhao@spotmax.example', 'finops.liu@spotmax.example'],
  2: [d.email, 'ops.lead@spotmax.example', 'game.ops@spotmax.example'],
  3: ['ops.lead@spotmax.example', 'finops.liu@spotmax.example', 'lab.owner@spotmax.example'],
};

/** Business units (`group_tag`) per company. Repeats weight the pick. */
export const seedBusinessUnits: Readonly<Record<number, readonly string[]>> = {
  1: ['mtg', 'mtg', 'ops', 'data'],
  2: ['game', 'game', 'ops', 'mtg'],
  3: ['lab'],
};

/** Regions per company, most used first. */
export const seedRegions: Readonly<Record<number, readonly string[]>> = {
  1: ['cn-north-1', 'cn-north-1', 'cn-northwest-1'],
  2: ['ap-southeast-1', 'us-east-1'],
  3: ['cn-northwest-1'],
};
