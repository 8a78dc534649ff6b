import { formatObjectId } from './objectId.js';
import { hashPassword } from './passwords.js';
import type {
  BusinessAccountRecord,
  ContractRecord,
  DreamreflexState,
  ProjectFileRecord,
  ProjectLinkRecord,
  ProjectRecord,
  ProjectTaskRecord,
  TicketRecord,
  TicketType,
  UserRecord,
} from './records.js';

/** An account the simulator starts with, for the README and tests. */
export interface DreamreflexDemoAccount {
  email: string;
  password: string;
  fullName: string;
  description: string;
}

export const dreamreflexDemoAccounts: readonly DreamreflexDemoAccount[] = Object.freeze([
  {
    email: 'demo@tessera.local',
    password: 'tessera-demo-2024',
    fullName: '张伟',
    description: 'Main demo user: 25 tickets (all types, 15 replied / 10 pending), an active business account, 4 contracts, 2 projects with files, links and tasks.',
  },
  {
    email: 'li.na@example.cn',
    password: 'lina-retail-2024',
    fullName: '李娜',
    description: 'Second user: 4 tickets, a pending business account, 2 contracts, 1 project. Use her to check data isolation.',
  },
  {
    email: 'john.smith@example.com',
    password: 'john-smith-2024',
    fullName: 'John Smith',
    description: 'English-speaking user: 3 tickets, no business account, no contracts or projects.',
  },
  {
    email: 'wang.lei@example.cn',
    password: 'wang-lei-2024',
    fullName: '王磊',
    description: 'Disabled account: login answers 403 "账号已被禁用".',
  },
  {
    email: 'support@dreamreflex.com',
    password: 'dreamreflex-admin-2024',
    fullName: '陈静',
    description: 'Vendor administrator (role admin) who answers tickets; sees every ticket and may open any record.',
  },
]);

/** Ids of seeded records that tests commonly need. */
export interface DreamreflexSeedIds {
  users: { demo: string; liNa: string; john: string; disabled: string; admin: string };
  tickets: { demoPending: string; demoReplied: string; liNaPending: string; johnPending: string };
  businessAccounts: { demo: string; liNa: string };
  contracts: { demoSigned: string; demoUnsigned: string; liNa: string };
  projects: { demoPark: string; demoPortal: string; liNa: string };
  files: { demoRequirements: string; liNaDashboard: string };
}

export interface DreamreflexSeed {
  state: DreamreflexState;
  ids: DreamreflexSeedIds;
}

/** Seed times are written as UTC wall-clock strings. */
const at = (utc: string): number => Date.parse(`${utc}Z`);

function password(email: string): string {
  const account = dreamreflexDemoAccounts.find((a) => a.email === email);
  if (!account) throw new Error(`no demo account ${email}`);
  return hashPassword(account.password);
}

function contractMarkdown(title: string, partyB: string, clauses: string[], amount: string): string {
  return [
    `# ${title}`,
    '',
    '**甲方(服务提供方):** 云梦镜像(杭州)信息技术有限公司  ',
    `**乙方(客户):** ${partyB}`,
    '',
    '## 第一条 服务内容',
    '',
    ...clauses.map((clause, i) => `${i + 1}. ${clause}`),
    '',
    '## 第二条 费用与支付',
    '',
    `合同总金额为人民币 **${amount}**(含税),乙方应于每季度首月 15 日前支付当季费用。`,
    '',
    '## 第三条 保密条款',
    '',
    '双方对在合作中获知的对方商业秘密负有保密义务,保密期限自本合同签订之日起至合同终止后三年。',
    '',
    '## 第四条 争议解决',
    '',
    '因本合同引起的争议,双方应友好协商解决;协商不成的,提交甲方所在地人民法院诉讼解决。',
    '',
    '> 本合同一式两份,双方各执一份,具有同等法律效力。',
  ].join('\n');
}

/**
 * Builds the simulator's starting data: fresh objects on every call, the same ids and
 * contents every time (only the password salts differ).
 */
export function buildDreamreflexSeed(): DreamreflexSeed {
  const processHex = 'a7c3e91d5b';
  let counter = 0;
  const idAt = (ms: number) => formatObjectId(ms, processHex, ++counter);

  // ---- users -------------------------------------------------------------------
  const user = (fields: Omit<UserRecord, 'id' | 'passwordHash' | 'role'> & { role?: UserRecord['role'] }): UserRecord => ({
    id: idAt(fields.created_at),
    passwordHash: password(fields.email),
    role: fields.role ?? 'user',
    ...fields,
  });
  const admin = user({
    email: 'support@dreamreflex.com', role: 'admin', is_active: true, created_at: at('2023-09-01T01:00:00'), updated_at: null,
    full_name: '陈静', phone_number: '+86-571-8802-6610', avatar_url: 'https://cdn.dreamreflex.com/avatars/support.png', bio: '云梦镜像客户成功团队,负责工单答复。',
  });
  const demo = user({
    email: 'demo@tessera.local', is_active: true, created_at: at('2024-03-12T02:15:00'), updated_at: at('2025-06-02T09:41:27'),
    full_name: '张伟', phone_number: '+86-138-0571-2046', avatar_url: 'https://cdn.dreamreflex.com/avatars/zhangwei.png', bio: '镜湖数字科技 IT 负责人,负责园区物联网平台的对接。',
  });
  const liNa = user({
    email: 'li.na@example.cn', is_active: true, created_at: at('2024-07-08T06:30:00'), updated_at: null,
    full_name: '李娜', phone_number: '+86-139-1620-8834', avatar_url: null, bio: null,
  });
  const john = user({
    email: 'john.smith@example.com', is_active: true, created_at: at('2025-01-20T15:02:11'), updated_at: at('2025-02-03T10:00:00'),
    full_name: 'John Smith', phone_number: '+1-415-555-0142', avatar_url: null, bio: 'Procurement lead, Northwind Robotics (San Francisco).',
  });
  const disabled = user({
    email: 'wang.lei@example.cn', is_active: false, created_at: at('2024-05-03T08:20:00'), updated_at: at('2025-04-11T02:00:00'),
    full_name: '王磊', phone_number: '+86-186-0000-3321', avatar_url: null, bio: '账号已停用(公司注销)。',
  });
  const ops = 'ops@dreamreflex.com';

  // ---- tickets -----------------------------------------------------------------
  type TicketSeed = [title: string, type: TicketType, content: string, created: string, reply?: [feedback: string, responder: string, repliedAt: string], edited?: string];
  const tickets: TicketRecord[] = [];
  const addTickets = (owner: UserRecord, seeds: TicketSeed[]) =>
    seeds.map(([title, type, content, created, reply, edited]) => {
      const ticket: TicketRecord = {
        id: idAt(at(created)),
        title,
        ticket_type: type,
        content,
        status: reply ? 'replied' : 'pending',
        feedback: reply?.[0] ?? null,
        creator_email: owner.email,
        responder_email: reply?.[1] ?? null,
        created_at: at(created),
        // A reply updates the ticket; a pending ticket is "updated" only when its author edited it.
        updated_at: reply ? at(reply[2]) : edited ? at(edited) : null,
        replied_at: reply ? at(reply[2]) : null,
      };
      tickets.push(ticket);
      return ticket;
    });

  const demoTickets = addTickets(demo, [
    ['2024年第四季度增值税专用发票未收到', 'financial', '我们公司在12月已支付云服务费用(订单号 DR-20241218-0032),但至今未收到增值税专用发票,请协助补开。', '2025-01-06T02:30:00', ['发票已于1月8日通过顺丰寄出,运单号 SF1402938475621,请注意查收。', admin.email, '2025-01-08T06:12:00']],
    ['API returns 502 Bad Gateway intermittently', 'technical', 'Since last night about 5% of requests to /v2/devices return 502. Example request IDs: 7f3a2c1e, 9b1d44e0.', '2025-01-14T01:05:00', ['A faulty node behind the cn-hangzhou-b load balancer was removed at 14:20 CST. Please tell us if you still see 502s.', ops, '2025-01-14T07:40:00']],
    ['咨询企业版套餐升级流程', 'business', '目前使用标准版,计划在3月升级到企业版,想了解升级流程、费用差额的计算方式以及是否需要重新签订合同。', '2025-01-21T03:18:00', ['升级可在控制台自助完成,差额按剩余天数折算;企业版需签署补充协议,我们已将模板发送至您的专属邮箱。', admin.email, '2025-01-22T02:00:00']],
    ['登录时偶发收不到邮箱验证码', 'technical', '同事反馈注册时验证码邮件有时 10 分钟后才到,期间验证码已过期。', '2025-02-10T08:45:00', ['已将您企业邮箱的域名加入发信白名单,并切换至备用 SMTP 通道,延迟问题已解决。', ops, '2025-02-11T01:30:00']],
    ['账单金额与合同约定不一致', 'financial', '2月账单显示带宽费用 ¥12,480,合同约定封顶 ¥10,000/月,请核实。', '2025-03-03T02:10:00', ['经核实,超出部分为临时扩容的突发带宽,已按合同封顶价重新出账,差额 ¥2,480 将在下期账单抵扣。', admin.email, '2025-03-04T09:00:00']],
    ['Webhook signature verification fails after key rotation', 'technical', 'After rotating the webhook secret on 2025-03-10 our endpoint rejects every event with "signature mismatch".', '2025-03-11T13:22:00', ['The old secret was cached on two delivery workers; they were restarted. Deliveries since 09:15 CST are signed with the new secret.', ops, '2025-03-12T01:20:00']],
    ['申请增加子账号数量', 'business', '团队扩充,希望将子账号上限从 20 个提升到 50 个。', '2025-03-25T06:00:00', ['已为贵司开通 50 个子账号额度,即时生效。', admin.email, '2025-03-25T08:35:00']],
    ['申请开具电子普通发票', 'financial', '3月份的技术支持服务费请开具电子普通发票,抬头:杭州镜湖数字科技有限公司。', '2025-04-02T02:40:00', ['电子发票已发送至 finance@jinghu-tech.cn,请查收。', admin.email, '2025-04-02T07:10:00']],
    ['OSS 文件下载链接有效期太短', 'technical', '项目文件的下载链接 1 小时就过期,外包团队跨时区下载经常失效,能否延长?', '2025-04-18T10:05:00', ['出于安全考虑预签名链接固定为 3600 秒,建议在需要时重新获取链接;我们会在下一版本评估可配置的有效期。', ops, '2025-04-19T02:00:00']],
    ['Request for Q1 2025 SLA report', 'business', 'Our auditors need the Q1 2025 availability report for the IoT platform (Jan–Mar).', '2025-04-28T14:30:00', ['The Q1 SLA report (99.97% availability) has been uploaded to your project files under the 文档 tag.', admin.email, '2025-04-29T03:00:00']],
    ['控制台图表在 Safari 上显示异常', 'technical', 'Safari 17 打开设备监控页,折线图坐标轴错位,Chrome 正常。', '2025-05-09T05:12:00', ['已修复 Safari 下的 SVG 渲染问题,请清除缓存后重试。', ops, '2025-05-12T06:45:00']],
    ['退款进度查询', 'financial', '4月误购的流量包(订单 DR-20250417-0188)已申请退款,请问进度如何?', '2025-05-20T01:50:00', ['退款 ¥1,200 已原路退回,预计 3–5 个工作日到账。', admin.email, '2025-05-21T02:30:00']],
    ['项目交付时间调整', 'business', '因园区二期施工延期,希望将网关部署的交付时间从6月30日调整到8月15日。', '2025-06-03T07:00:00', ['已与项目经理确认,交付计划调整为8月15日,更新后的里程碑见项目任务列表。', admin.email, '2025-06-04T09:20:00']],
    ['数据导出 CSV 中文乱码', 'technical', '导出的设备告警 CSV 在 Excel 中打开中文全部乱码。', '2025-06-17T03:33:00', ['导出文件已改为带 BOM 的 UTF-8 编码,Excel 可直接打开。', ops, '2025-06-18T01:15:00']],
    ['Bank transfer not reflected in balance', 'financial', 'We wired CNY 30,000 on June 27 (reference JH-0627-TT) but the account balance has not changed.', '2025-06-30T09:10:00', ['The transfer arrived without the account reference; it has now been matched and credited.', admin.email, '2025-07-01T02:05:00']],
    ['系统登录缓慢', 'technical', '最近几天登录控制台非常慢,通常需要 20 秒以上,影响日常使用。', '2025-07-15T01:00:00', undefined, '2025-07-15T03:30:00'],
    ['无法导出财务报表', 'financial', '在尝试导出本月财务报表时,系统提示"导出失败",请帮忙处理。', '2025-08-01T02:00:00'],
    ['合同续签条款确认', 'business', '云服务合同将于年底到期,续签时是否可以将付款周期由季度改为半年?', '2025-08-19T06:40:00'],
    ['MQTT 连接频繁断开', 'technical', '园区 3 号楼的网关每隔约 15 分钟断开一次 MQTT 连接,keepalive 设置为 60 秒。', '2025-09-02T11:25:00'],
    ['发票抬头变更', 'financial', '公司已更名为"杭州镜湖数字科技集团有限公司",后续发票请使用新抬头,营业执照已上传。', '2025-09-16T02:15:00', undefined, '2025-09-16T02:50:00'],
    ['Onboarding training for new team members', 'business', 'Three new engineers join in October. Could you schedule a 2-hour onboarding session on the platform?', '2025-09-29T08:00:00'],
    ['项目文件上传失败(超过 500MB)', 'technical', '上传 620MB 的 BIM 模型文件时进度到 99% 后失败,提示"请求超时"。', '2025-10-13T07:18:00'],
    ['预付费余额提醒阈值设置', 'financial', '希望余额低于 ¥5,000 时通过短信和邮件提醒,目前只收到了邮件。', '2025-10-27T03:05:00'],
    ['申请开通新加坡节点', 'business', '公司东南亚业务上线,希望开通新加坡区域的部署权限。', '2025-11-06T05:45:00'],
    ['Password reset email not received by colleague', 'technical', 'My colleague (wu.min@jinghu-tech.cn) requested a password reset twice yesterday and received nothing, spam folder included.', '2025-11-18T09:30:00'],
  ]);
  const liNaTickets = addTickets(liNa, [
    ['门店 POS 数据同步延迟', 'technical', '华东区 38 家门店的 POS 数据同步到看板延迟超过 2 小时。', '2025-02-17T02:00:00', ['同步任务已从每小时改为每 10 分钟执行,延迟问题已缓解。', ops, '2025-02-18T03:00:00']],
    ['业务账号审核进度', 'business', '我们在11月初提交了业务账号申请,请问审核需要多久?', '2025-11-10T01:30:00'],
    ['发票邮寄地址更新', 'financial', '发票请改寄至:上海市静安区南京西路 1266 号恒隆广场 28 楼。', '2025-10-09T06:20:00', ['已更新邮寄地址,后续发票将寄往新地址。', admin.email, '2025-10-09T08:00:00']],
    ['看板权限分配', 'technical', '如何为区域经理只开放各自区域门店的数据权限?', '2025-11-14T07:10:00'],
  ]);
  const johnTickets = addTickets(john, [
    ['Invoice currency: USD instead of CNY', 'financial', 'Could our invoices be issued in USD? Our finance system cannot book CNY invoices.', '2025-02-05T16:00:00', ['Invoices can be issued in USD at the PBOC reference rate of the invoice date. We have switched your account to USD invoicing.', admin.email, '2025-02-06T02:30:00']],
    ['API rate limits for bulk device import', 'technical', 'We need to import about 12,000 devices. What are the rate limits of the bulk import endpoint?', '2025-10-21T17:45:00'],
    ['Business account for a US entity', 'business', 'Can a company registered in Delaware apply for a business account, and what documents are required?', '2025-11-03T15:20:00'],
  ]);
  addTickets(disabled, [['服务器到期提醒', 'financial', '请问到期后数据会保留多久?', '2025-03-20T02:00:00']]);

  // ---- business accounts -----------------------------------------------------------
  const businessAccounts: BusinessAccountRecord[] = [
    {
      id: idAt(at('2024-03-15T03:00:00')), owner_email: demo.email, status: 'active',
      assigned_email: 'zhangwei@biz.dreamreflex.com', user_code: 'DRX-HZ-0017',
      company_name: '杭州镜湖数字科技有限公司', tax_number: '91330106MA2H3K7Q5X',
      certification_info: '营业执照(统一社会信用代码 91330106MA2H3K7Q5X);ISO/IEC 27001 信息安全管理体系认证',
      communication_address: '浙江省杭州市西湖区文三路 478 号华星时代广场 A 座 1203 室',
      contact_person_name: '张伟', contact_phone: '+86-138-0571-2046',
      created_at: at('2024-03-15T03:00:00'), updated_at: at('2024-03-18T08:30:00'),
    },
    {
      id: idAt(at('2025-11-02T05:40:00')), owner_email: liNa.email, status: 'pending',
      assigned_email: null, user_code: null,
      company_name: '上海禾木零售连锁有限公司', tax_number: '91310106MA1FY8B23K',
      certification_info: '营业执照扫描件已上传', communication_address: '上海市静安区南京西路 1266 号恒隆广场 28 楼',
      contact_person_name: '李娜', contact_phone: '+86-139-1620-8834',
      created_at: at('2025-11-02T05:40:00'), updated_at: null,
    },
    {
      id: idAt(at('2024-05-06T02:00:00')), owner_email: disabled.email, status: 'disabled',
      assigned_email: 'wanglei@biz.dreamreflex.com', user_code: 'DRX-SZ-0009',
      company_name: '深圳青石物联科技有限公司', tax_number: '91440300MA5F7TQX2P',
      certification_info: null, communication_address: null, contact_person_name: '王磊', contact_phone: null,
      created_at: at('2024-05-06T02:00:00'), updated_at: at('2025-04-11T02:00:00'),
    },
  ];

  // ---- contracts -------------------------------------------------------------------
  const contract = (owner: UserRecord, title: string, markdown: string, signed: boolean, created: string, updated: string | null): ContractRecord => ({
    id: idAt(at(created)), owner_email: owner.email, title, content_markdown: markdown, is_signed: signed,
    created_at: at(created), updated_at: updated === null ? null : at(updated),
  });
  const jinghu = '杭州镜湖数字科技有限公司';
  const demoSupport = contract(demo, '技术支持服务协议(2024年度)', contractMarkdown('技术支持服务协议(2024年度)', jinghu, ['7×24 小时工单支持,P1 故障 30 分钟内响应', '每季度一次系统健康巡检并出具报告', '专属客户成功经理一名'], '¥96,000.00'), true, '2024-03-20T02:00:00', '2024-03-22T06:00:00');
  const demoDpa = contract(demo, '数据处理协议 Data Processing Agreement', contractMarkdown('数据处理协议 Data Processing Agreement', jinghu, ['甲方仅按乙方书面指示处理个人信息(Processing only on documented instructions)', '数据存储于中国境内杭州、上海两个可用区', '发生数据安全事件时 24 小时内通知乙方'], '¥0.00(随主合同)'), true, '2024-03-20T02:05:00', '2024-03-25T03:10:00');
  const demoCloud = contract(demo, '云服务合同(2025版)', contractMarkdown('云服务合同(2025版)', jinghu, ['提供物联网设备接入与数据存储服务,设备上限 5,000 台', '服务可用性不低于 99.95%', '对象存储容量 20 TB,超出部分按量计费'], '¥360,000.00'), false, '2024-12-20T03:00:00', '2025-01-05T02:30:00');
  const demoProject = contract(demo, '智慧园区物联网平台 项目实施合同', contractMarkdown('智慧园区物联网平台 项目实施合同', jinghu, ['完成园区 6 栋楼宇的网关部署与设备接入', '交付管理后台与移动端巡检应用', '验收后提供 12 个月质保'], '¥1,280,000.00'), false, '2025-06-05T07:00:00', null);
  const liNaDashboardContract = contract(liNa, '门店数据看板开发合同', contractMarkdown('门店数据看板开发合同', '上海禾木零售连锁有限公司', ['开发覆盖 120 家门店的经营数据看板', '对接现有 POS 与会员系统', '提供 3 个月运维支持'], '¥240,000.00'), true, '2024-07-20T02:00:00', '2024-07-26T09:00:00');
  const liNaCloud = contract(liNa, '云服务合同(2025版)', contractMarkdown('云服务合同(2025版)', '上海禾木零售连锁有限公司', ['提供数据仓库与报表服务', '服务可用性不低于 99.9%'], '¥84,000.00'), false, '2025-11-01T02:00:00', null);
  const contracts = [demoSupport, demoDpa, demoCloud, demoProject, liNaDashboardContract, liNaCloud];

  // ---- projects --------------------------------------------------------------------
  const projects: ProjectRecord[] = [];
  const projectFiles: ProjectFileRecord[] = [];
  const projectLinks: ProjectLinkRecord[] = [];
  const projectTasks: ProjectTaskRecord[] = [];
  const project = (owner: UserRecord, name: string, description: string | null, overview: string, created: string, updated: string | null) => {
    const record: ProjectRecord = {
      id: idAt(at(created)), owner_email: owner.email, name, description, overview_markdown: overview,
      created_at: at(created), updated_at: updated === null ? null : at(updated),
    };
    projects.push(record);
    return {
      record,
      files: (seeds: [filename: string, size: number, contentType: string, tag: string | null, created: string][]) =>
        seeds.map(([filename, size, contentType, tag, createdAt]) => {
          const file: ProjectFileRecord = {
            id: idAt(at(createdAt)), project_id: record.id, filename, file_size: size, content_type: contentType, tag,
            oss_key: `projects/${record.id}/files/${filename}`, created_at: at(createdAt), updated_at: null,
          };
          projectFiles.push(file);
          return file;
        }),
      links: (seeds: [title: string, url: string, description: string | null, created: string][]) => {
        for (const [title, url, linkDescription, createdAt] of seeds) {
          projectLinks.push({ id: idAt(at(createdAt)), project_id: record.id, title, url, description: linkDescription, created_at: at(createdAt), updated_at: null });
        }
      },
      tasks: (seeds: [title: string, description: string | null, completedAt: string | null, created: string][]) => {
        for (const [title, taskDescription, completedAt, createdAt] of seeds) {
          projectTasks.push({
            id: idAt(at(createdAt)), project_id: record.id, title, description: taskDescription,
            status: completedAt ? 'completed' : 'pending', created_at: at(createdAt), updated_at: completedAt ? at(completedAt) : null,
          });
        }
      },
    };
  };

  const pdf = 'application/pdf';
  const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  const park = project(demo, '智慧园区物联网平台', '镜湖科技园 6 栋楼宇的设备接入、监控与运维平台',
    '# 项目概述\n\n为镜湖科技园建设统一的物联网平台,覆盖 **6 栋楼宇**、约 3,200 台设备。\n\n## 范围\n\n- 网关部署与设备接入(MQTT / Modbus)\n- 设备监控大屏与告警\n- 移动端巡检应用\n\n## 里程碑\n\n| 阶段 | 时间 |\n|---|---|\n| 一期上线 | 2024-09 |\n| 二期网关部署 | 2025-08 |\n| 整体验收 | 2025-12 |',
    '2024-04-01T02:00:00', '2025-09-10T08:00:00');
  const [parkRequirements] = park.files([
    ['项目需求说明书 v2.3.pdf', 2_483_712, pdf, '文档', '2024-04-03T03:00:00'],
    ['系统架构设计.pdf', 1_048_576, pdf, '设计', '2024-04-20T06:30:00'],
    ['UI 设计稿 - 管理后台.fig', 18_874_368, 'application/octet-stream', '设计', '2024-05-08T09:15:00'],
    ['园区平面图.png', 5_242_880, 'image/png', '设计', '2024-05-10T02:45:00'],
    ['接口文档 API Reference.docx', 734_208, docx, '文档', '2024-06-14T07:20:00'],
    ['设备清单.xlsx', 98_304, xlsx, '表格', '2024-07-01T01:10:00'],
    ['deploy-scripts.zip', 3_145_728, 'application/zip', null, '2024-09-02T11:00:00'],
    ['SLA-Report-2025Q1.pdf', 412_672, pdf, '文档', '2025-04-29T02:55:00'],
    ['meeting-notes-2025-06.md', 12_288, 'text/markdown', null, '2025-06-04T09:00:00'],
  ]);
  park.links([
    ['监控大屏', 'https://iot.jinghu-tech.cn/dashboard', '园区设备实时监控', '2024-09-15T02:00:00'],
    ['项目文档中心', 'https://docs.dreamreflex.com/projects/jinghu-park', '需求、设计与接口文档', '2024-04-05T03:00:00'],
    ['Grafana', 'https://grafana.jinghu-tech.cn/d/gateway-health', 'Gateway health metrics', '2024-10-08T06:00:00'],
    ['缺陷跟踪', 'https://tracker.dreamreflex.com/jinghu-park/issues', null, '2024-05-02T01:00:00'],
    ['Staging environment', 'https://staging.iot.jinghu-tech.cn', 'For acceptance testing only', '2025-06-20T03:00:00'],
  ]);
  park.tasks([
    ['需求调研与确认', '与园区物业、安保、能源部门访谈,确认需求范围', '2024-04-25T09:00:00', '2024-04-02T02:00:00'],
    ['系统架构设计评审', null, '2024-05-06T08:00:00', '2024-04-15T02:00:00'],
    ['一期网关部署(1–3 号楼)', '部署 24 台边缘网关', '2024-08-28T10:00:00', '2024-06-01T02:00:00'],
    ['设备接入联调', 'MQTT 与 Modbus 设备接入测试', '2024-09-10T10:00:00', '2024-07-15T02:00:00'],
    ['监控大屏上线', null, '2024-09-15T02:00:00', '2024-08-01T02:00:00'],
    ['Security penetration test', 'Third-party pentest of the management console', '2024-11-20T07:00:00', '2024-10-10T02:00:00'],
    ['一期验收', '出具一期验收报告', '2024-12-18T06:00:00', '2024-11-25T02:00:00'],
    ['二期网关部署(4–6 号楼)', '受二期施工影响,交付时间调整至 8 月 15 日', null, '2025-06-04T09:30:00'],
    ['移动端巡检应用开发', 'iOS / Android 巡检打卡与工单上报', null, '2025-06-10T02:00:00'],
    ['告警规则配置', '按楼宇配置温湿度、烟感、门禁告警阈值', null, '2025-07-01T02:00:00'],
    ['Load test with 5,000 simulated devices', null, null, '2025-08-20T02:00:00'],
    ['运维人员培训', '为物业运维团队提供 2 次现场培训', null, '2025-09-05T02:00:00'],
    ['整体验收', null, null, '2025-09-10T08:00:00'],
  ]);

  const portal = project(demo, 'CSA 客服门户改版 Customer Portal Revamp', 'Redesign of the customer self-service portal',
    '# Customer Portal Revamp\n\n将现有客服门户迁移到新的设计系统,并接入单点登录。\n\n- **Scope:** ticket list, contract signing, project files\n- **Timeline:** 2025-05 → 2025-12',
    '2025-05-06T03:00:00', '2025-10-02T04:00:00');
  portal.files([
    ['Portal wireframes v1.pdf', 3_670_016, pdf, '设计', '2025-05-12T08:00:00'],
    ['design-tokens.json', 24_576, 'application/json', '设计', '2025-06-02T03:30:00'],
    ['用户访谈纪要.docx', 286_720, docx, '文档', '2025-05-20T07:00:00'],
    ['sso-integration-guide.pdf', 655_360, pdf, null, '2025-09-18T02:00:00'],
  ]);
  portal.links([
    ['Figma', 'https://www.figma.com/file/Xk29aPq/csa-portal-revamp', '设计稿', '2025-05-12T08:05:00'],
    ['Preview deployment', 'https://portal-preview.dreamreflex.com', null, '2025-09-01T02:00:00'],
  ]);
  portal.tasks([
    ['用户访谈', '访谈 8 位客户', '2025-05-28T09:00:00', '2025-05-07T02:00:00'],
    ['Wireframes', null, '2025-06-10T09:00:00', '2025-05-10T02:00:00'],
    ['SSO integration', 'OIDC with the customer IdP', null, '2025-08-01T02:00:00'],
    ['可用性测试', null, null, '2025-10-02T04:00:00'],
  ]);

  const dashboard = project(liNa, '门店数据看板', '禾木零售 120 家门店的经营数据看板',
    '# 门店数据看板\n\n汇总 POS、会员与库存数据,按区域、门店、品类展示每日经营指标。',
    '2024-07-22T02:00:00', '2025-02-18T03:00:00');
  const [dashboardSpec] = dashboard.files([
    ['看板需求说明.pdf', 1_258_291, pdf, '文档', '2024-07-23T02:00:00'],
    ['看板视觉稿.png', 4_194_304, 'image/png', '设计', '2024-08-05T06:00:00'],
    ['门店编码表.xlsx', 65_536, xlsx, null, '2024-08-12T03:00:00'],
  ]);
  dashboard.links([
    ['看板地址', 'https://bi.hemu-retail.cn/stores', null, '2024-10-01T02:00:00'],
    ['数据字典', 'https://docs.dreamreflex.com/projects/hemu-dashboard/dictionary', '字段说明', '2024-08-01T02:00:00'],
  ]);
  dashboard.tasks([
    ['POS 数据对接', null, '2024-09-10T09:00:00', '2024-07-25T02:00:00'],
    ['会员数据对接', null, '2024-09-25T09:00:00', '2024-08-10T02:00:00'],
    ['区域经理权限配置', '按区域隔离门店数据', null, '2025-11-14T08:00:00'],
  ]);

  const pick = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('seed record missing');
    return value;
  };

  return {
    state: {
      users: [admin, demo, liNa, john, disabled],
      tickets,
      businessAccounts,
      contracts,
      projects,
      projectFiles,
      projectLinks,
      projectTasks,
      contactMessages: [],
      verificationCodes: new Map(),
    },
    ids: {
      users: { demo: demo.id, liNa: liNa.id, john: john.id, disabled: disabled.id, admin: admin.id },
      tickets: {
        demoPending: pick(demoTickets.find((t) => t.title === '无法导出财务报表')).id,
        demoReplied: pick(demoTickets[0]).id,
        liNaPending: pick(liNaTickets[1]).id,
        johnPending: pick(johnTickets[1]).id,
      },
      businessAccounts: { demo: pick(businessAccounts[0]).id, liNa: pick(businessAccounts[1]).id },
      contracts: { demoSigned: demoSupport.id, demoUnsigned: demoCloud.id, liNa: liNaDashboardContract.id },
      projects: { demoPark: park.record.id, demoPortal: portal.record.id, liNa: dashboard.record.id },
      files: { demoRequirements: pick(parkRequirements).id, liNaDashboard: pick(dashboardSpec).id },
    },
  };
}

/** The ids `buildDreamreflexSeed()` always gives its notable records. */
export const dreamreflexSeedIds: Readonly<DreamreflexSeedIds> = Object.freeze(buildDreamreflexSeed().ids);
