import { ROLE_ADMIN, ROLE_AGENT, ROLE_CUSTOMER } from './referenceData.js';
import type { GroupAccess } from './ZammadRecords.js';
import type { ZammadStore } from './ZammadStore.js';

/** Credentials of the seeded accounts. Tokens are personal access tokens unless named oauth. */
export const zammadDemoCredentials = Object.freeze({
  /** Admin and agent of every group (as Zammad's first user is). Login differs from e-mail: Basic accepts either. */
  adminLogin: 'tessera.admin',
  adminEmail: 'admin@tessera.local',
  adminPassword: 'Tessera-Admin-2026!',
  adminToken: 'zS3q9vK1xR7mT2pL8wE4nB6yH0cJ5aD_fG1uV9iO3kQ7rX2eW8',
  /** An OAuth2 access token of the admin (`Authorization: Bearer …`). */
  oauthToken: 'N4tY8bW2mK6qZ0vH3jL7xC1rF5sP9dG2eA8uT4iO6yB0nM3kLp',
  /** 周杰: agent of Users (full), Support L1 (full), Support L2 (read only). */
  agentEmail: 'zhou.jie@tessera.local',
  agentPassword: 'Agent-Zhou-2026',
  agentToken: 'q7Lp2Xv9Rk4Tm8Zs1Wc6Yh3Nf0Bd5Gj_Ua7Ei2Oo9Ky4Sx1Tz',
  /** Katrin Vogel: agent of Billing 账务 and Vertrieb DE only. */
  otherAgentEmail: 'katrin.vogel@tessera.local',
  otherAgentPassword: 'Agent-Vogel-2026',
  otherAgentToken: 'H2kR9mX4vT7pL1zQ6wN3yC8bF0sD5gJ_aE4uI7oK2rV9tY1cMn',
  /** John Smith: customer of Acme Logistics Ltd, an organization that is not shared: sees only his own tickets. */
  customerEmail: 'john.smith@example.com',
  customerPassword: 'John-Smith-2026',
  customerToken: 'c8Vn3Qw6Ez1Rt9Yu4Io7Pa2Sd5Fg0Hj_Kl3Zx8Cv6Bn1Mq4WrE',
  /** 王磊: customer of 上海星河物联网科技有限公司, a shared organization: sees its colleagues' tickets too (李娜's). */
  sharedCustomerEmail: 'wang.lei@example.cn',
  sharedCustomerPassword: 'Wang-Lei-2026',
  sharedCustomerToken: 'm5Kj8Hg2Fd6Sa0Pq3Wx7Ez1Rc4Tv9Yb_Nu2Im5Ol8Ak3Js6DfG',
  /** Lars Fischer: Admin role without Agent: may administer, sees no tickets. */
  adminOnlyEmail: 'lars.fischer@tessera.local',
  adminOnlyToken: 'P9oI8uY7tR6eW5qA4sD3fG2hJ1kL0zX_cV9bN8mQ7wE6rT5yUi',
});

/** Seeded ids tests commonly need. */
export const zammadSeedIds = Object.freeze({
  systemUser: 1,
  nicole: 2,
  admin: 3,
  agent: 4,
  otherAgent: 5,
  iotAgent: 6,
  l1Agent: 7,
  adminOnly: 8,
  demoCustomer: 9,
  liNa: 10,
  customer: 11,
  sharedCustomer: 12,
  groups: { users: 1, supportL1: 2, supportL2: 3, billing: 4, iot: 5, sales: 6 },
  organizations: { zammadFoundation: 1, tesseraDemo: 2, yunfan: 3, mueller: 4, acme: 5, xinghe: 6, exampleRetail: 7, inactive: 8 },
});

const SEED_TIME = Date.UTC(2025, 2, 3, 8, 0, 0, 0);

const groupRows: ReadonlyArray<[string, string]> = [
  ['Users', 'Standard Group/Pool for Tickets.'],
  ['Support L1', 'First level: accounts, VPN, printers, e-mail.'],
  ['Support L2', 'Second level: escalations from L1, bugs.'],
  ['Billing 账务', '发票、退款与合同付款问题'],
  ['IoT 运维', '设备接入、固件升级、离线告警'],
  ['Vertrieb DE', 'Angebote und Lizenzen für Kunden in DACH'],
];

const organizationRows: ReadonlyArray<{ name: string; shared: boolean; domain: string; active?: boolean; note?: string }> = [
  { name: 'Zammad Foundation', shared: true, domain: '' },
  { name: 'Tessera Demo GmbH', shared: true, domain: 'tessera.local', note: 'Demo tenant' },
  { name: '北京云帆科技有限公司', shared: false, domain: 'yunfan.cn' },
  { name: 'Müller Maschinenbau AG', shared: true, domain: 'mueller-maschinenbau.de', note: 'Rahmenvertrag 2025' },
  { name: 'Acme Logistics Ltd', shared: false, domain: 'acme-logistics.com' },
  { name: '上海星河物联网科技有限公司', shared: true, domain: 'xinghe-iot.cn', note: 'IoT 平台客户' },
  { name: 'Example Retail Inc.', shared: false, domain: 'example-retail.com' },
  { name: 'Altkunde GmbH', shared: false, domain: 'altkunde.de', active: false, note: 'Vertrag beendet' },
];

interface UserRow {
  login?: string;
  firstname: string;
  lastname: string;
  email: string;
  password?: string;
  org?: number;
  roles: number[];
  groups?: Array<[number, GroupAccess[]]>;
  vip?: boolean;
  phone?: string;
  note?: string;
  active?: boolean;
}

const allGroupsFull: Array<[number, GroupAccess[]]> = groupRows.map((_row, i) => [i + 1, ['full']]);
const c = zammadDemoCredentials;

/** Users from id 2 on; id 1 is Zammad's system user "-". */
const userRows: readonly UserRow[] = [
  { firstname: 'Nicole', lastname: 'Braun', email: 'nicole.braun@zammad.org', org: 1, roles: [ROLE_CUSTOMER], password: 'Nicole-Braun-2026' },
  { login: c.adminLogin, firstname: 'Tessera', lastname: 'Admin', email: c.adminEmail, password: c.adminPassword, roles: [ROLE_ADMIN, ROLE_AGENT], groups: allGroupsFull },
  { firstname: '杰', lastname: '周', email: c.agentEmail, password: c.agentPassword, roles: [ROLE_AGENT], groups: [[1, ['full']], [2, ['full']], [3, ['read']]], phone: '+86 21 5555 0104' },
  { firstname: 'Katrin', lastname: 'Vogel', email: c.otherAgentEmail, password: c.otherAgentPassword, roles: [ROLE_AGENT], groups: [[4, ['full']], [6, ['full']]], phone: '+49 30 5555 0105' },
  { firstname: '浩', lastname: '孙', email: 'sun.hao@tessera.local', password: 'Agent-Sun-2026', roles: [ROLE_AGENT], groups: [[5, ['full']], [3, ['full']]] },
  { firstname: 'Emma', lastname: 'Wilson', email: 'emma.wilson@tessera.local', password: 'Agent-Wilson-2026', roles: [ROLE_AGENT], groups: [[2, ['full']], [1, ['full']]] },
  { firstname: 'Lars', lastname: 'Fischer', email: c.adminOnlyEmail, password: 'Admin-Fischer-2026', roles: [ROLE_ADMIN] },
  { firstname: '伟', lastname: '张', email: 'demo@tessera.local', org: 2, roles: [ROLE_CUSTOMER], password: 'Demo-Zhang-2026', vip: true },
  { firstname: '娜', lastname: '李', email: 'li.na@example.cn', org: 6, roles: [ROLE_CUSTOMER], password: 'Li-Na-2026', phone: '+86 138 0000 1234' },
  { firstname: 'John', lastname: 'Smith', email: c.customerEmail, org: 5, roles: [ROLE_CUSTOMER], password: c.customerPassword, phone: '+44 20 7946 0018' },
  { firstname: '磊', lastname: '王', email: c.sharedCustomerEmail, org: 6, roles: [ROLE_CUSTOMER], password: c.sharedCustomerPassword },
  { firstname: 'Tom', lastname: 'Becker', email: 'tom.becker@tessera.local', org: 2, roles: [ROLE_CUSTOMER] },
  { firstname: '敏', lastname: '张', email: 'zhang.min@yunfan.cn', org: 3, roles: [ROLE_CUSTOMER] },
  { firstname: '静', lastname: '陈', email: 'chen.jing@yunfan.cn', org: 3, roles: [ROLE_CUSTOMER], note: '财务联系人' },
  { firstname: 'Hans', lastname: 'Müller', email: 'hans.mueller@mueller-maschinenbau.de', org: 4, roles: [ROLE_CUSTOMER], vip: true },
  { firstname: 'Anna', lastname: 'Schmidt', email: 'anna.schmidt@mueller-maschinenbau.de', org: 4, roles: [ROLE_CUSTOMER] },
  { firstname: 'Emily', lastname: 'Clark', email: 'emily.clark@acme-logistics.com', org: 5, roles: [ROLE_CUSTOMER] },
  { firstname: '洋', lastname: '刘', email: 'liu.yang@xinghe-iot.cn', org: 6, roles: [ROLE_CUSTOMER] },
  { firstname: 'Sarah', lastname: 'Johnson', email: 'sarah.johnson@example-retail.com', org: 7, roles: [ROLE_CUSTOMER] },
  { firstname: 'Michael', lastname: 'Brown', email: 'michael.brown@example-retail.com', org: 7, roles: [ROLE_CUSTOMER] },
  { firstname: '琳', lastname: '赵', email: 'zhao.lin@example.cn', roles: [ROLE_CUSTOMER] },
  { firstname: 'Peter', lastname: 'Weber', email: 'peter.weber@gmx.de', roles: [ROLE_CUSTOMER] },
  { firstname: 'Olivia', lastname: 'Martin', email: 'olivia.martin@example.com', roles: [ROLE_CUSTOMER] },
  { firstname: 'Jürgen', lastname: 'Klein', email: 'juergen.klein@web.de', roles: [ROLE_CUSTOMER], vip: true, note: 'Ruft lieber an als zu mailen' },
  { firstname: 'Former', lastname: 'Customer', email: 'former.customer@altkunde.de', org: 8, roles: [ROLE_CUSTOMER], active: false },
];

/** Settings the API exposes; only the two API access switches change behaviour. */
function seedSettings(store: ZammadStore): void {
  const rows: Array<[string, string, string, unknown, boolean]> = [
    ['product_name', 'Product Name', 'System::Branding', 'Tessera Helpdesk', true],
    ['fqdn', 'Fully Qualified Domain Name', 'System::Base', 'zammad.tessera.local', true],
    ['ticket_hook', 'Ticket Hook', 'Ticket::Base', 'Ticket#', true],
    ['timezone_default', 'Timezone', 'System::Branding', 'Europe/Berlin', true],
    ['api_token_access', 'API Token Access', 'API::Base', true, true],
    ['api_password_access', 'API Password Access', 'API::Base', true, true],
    ['user_create_account', 'Customer Self-Signup', 'Security::Base', true, true],
  ];
  for (const [name, title, area, value, frontend] of rows) {
    store.addSetting({ name, title, area, description: `${title}.`, value, frontend });
  }
}

/** Settings, organizations, groups, users and their tokens. */
export function seedDirectory(store: ZammadStore): void {
  seedSettings(store);
  const base = { created_by_id: 1, updated_by_id: 1, created_at: SEED_TIME, updated_at: SEED_TIME };
  groupRows.forEach(([name, note], i) => {
    store.addGroup({
      ...base, name, note, active: true, email_address_id: null, signature_id: null, assignment_timeout: null,
      follow_up_possible: 'yes', follow_up_assignment: true, created_at: SEED_TIME + i * 60_000, updated_at: SEED_TIME + i * 60_000,
    });
  });
  organizationRows.forEach((row, i) => {
    store.addOrganization({
      ...base, name: row.name, shared: row.shared, domain: row.domain, domain_assignment: false, active: row.active ?? true, note: row.note ?? '',
      created_at: SEED_TIME + 3_600_000 + i * 86_400_000, updated_at: SEED_TIME + 3_600_000 + i * 86_400_000,
    });
  });

  store.addUser({
    ...base, id: 1, login: '-', firstname: '-', lastname: '', email: '', password: '', organization_id: null, active: false, vip: false,
    phone: '', mobile: '', note: '', role_ids: [], group_access: new Map(), created_at: Date.UTC(2012, 3, 16, 11, 24, 0), updated_at: Date.UTC(2012, 3, 16, 11, 24, 0),
  });
  userRows.forEach((row, i) => {
    const at = SEED_TIME + 2 * 86_400_000 + i * 3 * 86_400_000 + (i % 4) * 1_234;
    store.addUser({
      ...base,
      login: row.login ?? row.email,
      firstname: row.firstname,
      lastname: row.lastname,
      email: row.email,
      password: row.password ?? `Pw-${row.email.split('@')[0] ?? 'user'}-2026`,
      organization_id: row.org ?? null,
      active: row.active ?? true,
      vip: row.vip ?? false,
      phone: row.phone ?? '',
      mobile: '',
      note: row.note ?? '',
      role_ids: [...row.roles],
      group_access: new Map((row.groups ?? []).map(([id, access]) => [id, [...access]])),
      created_at: at,
      updated_at: at,
    });
  });

  const ids = zammadSeedIds;
  store.apiTokens.set(c.adminToken, ids.admin);
  store.apiTokens.set(c.agentToken, ids.agent);
  store.apiTokens.set(c.otherAgentToken, ids.otherAgent);
  store.apiTokens.set(c.customerToken, ids.customer);
  store.apiTokens.set(c.sharedCustomerToken, ids.sharedCustomer);
  store.apiTokens.set(c.adminOnlyToken, ids.adminOnly);
  store.oauthTokens.set(c.oauthToken, ids.admin);
}
