import { teamIdAt } from './teamId.js';
import type { OrgRef, TeamRecord, TeamType } from './teamStore.js';

/** Credentials the simulator accepts on `POST /cgi-bin/token`, and the staff member demos act as (`x-staff-id`). */
export const lexiangDemoCredentials = Object.freeze({
  appKey: '7f3c9a1e5b2d4c6e8a0b1c2d3e4f5a6b',
  appSecret: 'c4e8a2f6b0d94e1c8a7b3f5d2e6c1a9b0f4d8e2a',
  staffId: 'ThreeZhang',
});

/**
 * Staff accounts (企业微信 userids). The first three are the doc's own examples.
 * Lookups are case-insensitive, as WeCom userids are (the doc itself writes both `ThreeZhang` and `threeZhang`).
 */
export const lexiangStaffIds: readonly string[] = Object.freeze([
  'ThreeZhang',
  'FourLee',
  'TwoWang',
  'FiveZhao',
  'LiLei',
  'HanMeimei',
  'chenjing',
  'liu.yang',
  'alice.wu',
  'bob.sun',
]);

/** Departments, addressed by integer id in `orgs` (the doc sends `{"type":"department","id":1}`). */
export const lexiangDepartments: ReadonlyArray<{ readonly id: number; readonly name: string }> = Object.freeze([
  { id: 1, name: '总部' },
  { id: 2, name: '研发中心' },
  { id: 3, name: '产品部' },
  { id: 4, name: '市场部' },
  { id: 5, name: '人力资源部' },
  { id: 6, name: '销售部' },
  { id: 7, name: 'Customer Success' },
]);

/** Contact tags (通讯录标签). */
export const lexiangContactTags: ReadonlyArray<{ readonly id: number; readonly name: string }> = Object.freeze([
  { id: 1, name: '新员工' },
  { id: 2, name: '管理层' },
  { id: 3, name: 'Mentors' },
]);

const DOC_SIGNATURE = '这是通过开放接口创建的K吧';
const LOGO_BASE = 'https://lexiangla.com/assets/team-logos';

interface SeedRow {
  name: string;
  type: TeamType;
  secret?: boolean;
  signature?: string;
  logo?: boolean;
  /** In the recycle bin from the start: never listed, 404 everywhere. */
  hidden?: boolean;
}

// Codes follow creation order (k100001 is the oldest), as in the doc's list example where
// k100022, k100020, k100019 come back newest first and k100021 is missing: it is in the recycle bin.
const rows: readonly SeedRow[] = [
  { name: '通过开放接口创建的K吧', type: 1, signature: DOC_SIGNATURE }, // k100001, the doc's create example
  { name: '产品设计交流', type: 2, logo: true },
  { name: 'Frontend Guild', type: 1, signature: 'React, Vue and everything in between' },
  { name: '新员工培训营', type: 4, signature: '入职第一周必读' },
  { name: 'Project Apollo', type: 3, secret: true },
  { name: '销售赋能', type: 4, logo: true },
  { name: '运维值班手册', type: 2 },
  { name: '已废弃的测试K吧', type: 1, hidden: true }, // k100008
  { name: 'Data Platform', type: 3, signature: 'Roadmap and weekly syncs' },
  { name: '羽毛球协会', type: 4, signature: '每周三晚上七点' },
  { name: '客户成功案例库', type: 2, logo: true },
  { name: 'Security Council', type: 3, secret: true, signature: 'Incident reviews (confidential)' },
  { name: '读书会', type: 4 },
  { name: 'Mobile Team', type: 1 },
  { name: '财务制度问答', type: 2, secret: true },
  { name: 'Old Wiki Migration', type: 3, hidden: true }, // k100016
  { name: '摄影爱好者', type: 1, logo: true },
  { name: '招聘面试官培训', type: 4, secret: true },
  { name: '推理吧', type: 1, signature: DOC_SIGNATURE }, // k100019
  { name: '追剧吧', type: 1, signature: DOC_SIGNATURE }, // k100020
  { name: '临时活动K吧', type: 1, signature: DOC_SIGNATURE, hidden: true }, // k100021
  { name: '动漫吧', type: 1, signature: DOC_SIGNATURE }, // k100022
  { name: 'Design System', type: 2, logo: true, signature: 'Tokens, components, guidelines' },
  { name: '618大促项目组', type: 3 },
  { name: 'Toastmasters Club', type: 4 },
  { name: '研发效能', type: 2 },
  { name: 'Board Prep', type: 3, secret: true },
  { name: '咖啡角', type: 1, signature: '' },
  { name: 'Onboarding Buddies', type: 4, logo: true },
  { name: '技术架构评审', type: 3, secret: true },
  { name: 'Customer Feedback', type: 2 },
  { name: '篮球俱乐部', type: 4 },
  { name: '2020年会筹备', type: 3, hidden: true }, // k100033
  { name: 'AI 实验室', type: 2, logo: true, signature: '大模型与机器学习' },
  { name: 'Quality Assurance', type: 1 },
  { name: '法务合规', type: 2, secret: true },
  { name: 'Hackathon 2021', type: 3 },
  { name: '跑步团', type: 4, signature: '周末奥森见' },
  { name: '产品发布日历', type: 3 },
  { name: 'Knowledge Base (EN)', type: 2, logo: true },
  { name: '内部讲师认证', type: 4, secret: true },
  { name: '杂谈吧', type: 1 },
];

/** The doc's create example answers with this id and code k100001; seeding it lets the doc's PATCH example run as written. */
const DOC_TEAM_ID = '17bc1d68daae11e9a58410e7c61c70fc';
/** The instant encoded in DOC_TEAM_ID (a version-1 UUID): 2019-09-19 15:21:26.887 +08:00. */
const DOC_TEAM_CREATED_AT = Date.UTC(2019, 8, 19, 7, 21, 26, 887);
const DAY_MS = 86_400_000;

/** Fresh, mutable seed records: every simulator instance gets its own. */
export function createSeedTeams(): TeamRecord[] {
  let createdAt = DOC_TEAM_CREATED_AT;
  return rows.map((row, i) => {
    if (i > 0) {
      // Deterministic but uneven spacing: 5–33 days plus a few hours/minutes.
      createdAt += (5 + ((i * 13) % 29)) * DAY_MS + ((i * 7) % 10) * 3_600_000 + ((i * 17) % 60) * 60_000;
    }
    const code = `k${100001 + i}`;
    const members = memberRows(i);
    return {
      id: i === 0 ? DOC_TEAM_ID : teamIdAt(createdAt, i),
      code,
      name: row.name,
      signature: row.signature ?? `${row.name}的K吧`,
      type: row.type,
      isSecret: row.secret ?? false,
      logo: row.logo ? `${LOGO_BASE}/${code}.png` : null,
      createdAt,
      creatorStaffId: members[0]?.type === 'staff' ? String(members[0].id) : lexiangDemoCredentials.staffId,
      orgs: members,
      hiddenAt: row.hidden ? createdAt + 3 * DAY_MS : null,
    };
  });
}

function memberRows(i: number): OrgRef[] {
  const staff = lexiangStaffIds[i % lexiangStaffIds.length] ?? lexiangDemoCredentials.staffId;
  const other = lexiangStaffIds[(i * 3 + 1) % lexiangStaffIds.length] ?? lexiangDemoCredentials.staffId;
  const orgs: OrgRef[] = [{ type: 'staff', id: staff }];
  if (other !== staff) orgs.push({ type: 'staff', id: other });
  if (i % 3 === 0) orgs.push({ type: 'department', id: (i % lexiangDepartments.length) + 1 });
  if (i % 5 === 0) orgs.push({ type: 'contacttag', id: (i % lexiangContactTags.length) + 1 });
  return orgs;
}
