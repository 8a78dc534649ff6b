import { formatChinaTime, parseChinaTime } from './chinaTime.js';
import { between, createPrng, pick } from '../kit/createPrng.js';
import type { MaxCloudResource, MaxCloudTicket, MaxCloudTicketState } from './MaxCloudRecords.js';
import { SHARED_EMAILS, seedBusinessUnits, seedEngineers, seedRegions, seedTeams } from './seedDirectory.js';

/** Seeded tickets per company. */
export const MAXCLOUD_SEED_TICKET_COUNTS: Readonly<Record<number, number>> = { 1: 132, 2: 48, 3: 16 };
/** Tickets are created within these instants: the twelve months before November 2026, China time. */
export const MAXCLOUD_SEED_FIRST_CREATED_AT = parseChinaTime('2025-11-01 00:00:00');
export const MAXCLOUD_SEED_LAST_CREATED_AT = parseChinaTime('2026-10-31 23:59:59');

const MINUTE = 60_000;
const DAY = 86_400_000;

type ResourceKind = 'ec2' | 'rds' | 'eks_node' | 's3' | 'elb' | 'asg' | 'elasticache' | 'msk';

interface Topic {
  subject: string;
  content: string;
  labels: readonly string[];
  resource: ResourceKind | null;
  rootCause: string;
  /** Added to the random priority, capped at urgent. */
  urgency?: number;
}

/** `{svc}`, `{inst}`, `{db}`, `{asg}`, `{node}`, `{pct}`, `{month}`, `{bucket}`, `{domain}`, `{topic}` are filled per ticket. */
const topics: readonly Topic[] = [
  { subject: 'pod event warn 需要解决', content: '{svc} 的 pod 持续出现 BackOff 事件，节点 {node}。', labels: ['k8s'], resource: 'eks_node', rootCause: '镜像拉取超时，已切换到内网镜像仓库' },
  { subject: 'EC2 spot 中断: {inst}', content: '收到 spot 中断通知 (2 分钟)，实例 {inst} 被回收，{svc} 容量下降。', labels: ['spot中断'], resource: 'ec2', rootCause: 'Spot 容量池回收，已扩展到更多实例类型', urgency: 1 },
  { subject: 'Spot interruption notice for {asg}', content: 'Three spot interruption notices within an hour for **{asg}**. Capacity rebalancing kicked in late.', labels: ['spot中断'], resource: 'asg', rootCause: 'Single instance type in the pool; diversified the launch template', urgency: 1 },
  { subject: 'RDS 慢查询告警 {db}', content: '{db} 慢查询数量超过阈值，最长一条 38s，来自报表任务。', labels: ['数据库', '慢查询'], resource: 'rds', rootCause: '报表 SQL 缺少索引，已补充联合索引' },
  { subject: 'RDS slow queries on {db} after deploy', content: 'p99 query latency on {db} went from 40 ms to 1.2 s right after the {svc} release.', labels: ['数据库', '慢查询'], resource: 'rds', rootCause: 'ORM upgrade dropped a query hint; pinned the old version' },
  { subject: '账单异常: {month} 费用环比上涨 {pct}%', content: '{month} 账单中 EC2 与数据传输费用明显上涨，需要确认原因。', labels: ['成本', '账单'], resource: null, rootCause: '跨区数据传输未走内网，已调整路由' },
  { subject: 'Billing anomaly: NAT gateway charges up {pct}%', content: 'NAT gateway data processing charges rose {pct}% month over month.', labels: ['成本', '账单'], resource: null, rootCause: 'S3 traffic went through NAT; added a gateway endpoint' },
  { subject: '日志采集丢失 - {svc}', content: '{svc} 的日志在 Kibana 中有断档，filebeat 报 backpressure。', labels: ['日志bug'], resource: 'eks_node', rootCause: 'filebeat 队列过小，已调大并增加 Kafka 分区' },
  { subject: 'Log pipeline drops lines from {svc}', content: 'About 3% of log lines from {svc} never reach the index.', labels: ['日志bug'], resource: 'msk', rootCause: 'Logstash pipeline ran out of heap; resized' },
  { subject: 'CPU utilization above 90% on {inst}', content: 'CloudWatch alarm: CPUUtilization > 90% for 15 minutes on {inst} ({svc}).', labels: ['告警'], resource: 'ec2', rootCause: 'Traffic spike; scaled the group out' },
  { subject: '磁盘使用率超过 85%: {inst}', content: '{inst} 根分区使用率 87%，主要是 /var/log。', labels: ['告警', '磁盘'], resource: 'ec2', rootCause: '日志轮转配置丢失，已恢复 logrotate' },
  { subject: 'Kubernetes node NotReady: {node}', content: 'Node {node} went NotReady; kubelet stopped posting status.', labels: ['k8s', '告警'], resource: 'eks_node', rootCause: 'Spot node reclaimed without draining; enabled the termination handler', urgency: 1 },
  { subject: 'ELB 5xx 错误率升高 ({svc})', content: '{svc} 的 ELB 5xx 比例达到 2.4%，持续 10 分钟。', labels: ['告警', '网络'], resource: 'elb', rootCause: '后端实例健康检查超时，已调整超时时间', urgency: 1 },
  { subject: 'S3 bucket policy 变更审核 {bucket}', content: '申请为 {bucket} 增加跨账号只读访问。', labels: ['安全'], resource: 's3', rootCause: '变更已审核通过' },
  { subject: 'Reserved instance coverage dropped to {pct}%', content: 'RI coverage for m6i fell to {pct}% after the fleet moved to spot.', labels: ['成本'], resource: null, rootCause: 'RIs exchanged for a compute savings plan' },
  { subject: 'Redis 连接数打满 {svc}', content: 'ElastiCache 连接数到达上限 65000，{svc} 大量超时。', labels: ['数据库', '告警'], resource: 'elasticache', rootCause: '客户端连接池未复用，已修复', urgency: 1 },
  { subject: 'Savings plan 到期提醒', content: 'Compute savings plan 将在 30 天后到期，请确认是否续约。', labels: ['成本'], resource: null, rootCause: '已续约一年' },
  { subject: 'VPC 对等连接延迟高 cn-north-1 ↔ cn-northwest-1', content: '跨区调用 {svc} 的延迟从 25ms 升到 90ms。', labels: ['网络'], resource: null, rootCause: '运营商线路抖动，已切换专线' },
  { subject: 'Request: add spot capacity pool for {asg}', content: 'Please add c6i and c7g pools to **{asg}** so interruptions spread out.', labels: ['需求', 'spot中断'], resource: 'asg', rootCause: 'Pools added' },
  { subject: 'Kafka consumer lag on {topic}', content: 'Consumer group for {topic} is 2.1M messages behind.', labels: ['告警'], resource: 'msk', rootCause: 'Consumer rebalanced in a loop after a spot interruption' },
  { subject: '证书即将过期: {domain}', content: '{domain} 的 TLS 证书将在 7 天后过期。', labels: ['安全'], resource: 'elb', rootCause: '已更新证书并开启自动续期', urgency: 1 },
  { subject: 'Grafana dashboard 数据缺失 ({svc})', content: '{svc} 的 QPS 面板最近 6 小时没有数据。', labels: ['日志bug', '监控'], resource: null, rootCause: 'Prometheus remote write 配置错误' },
];

const services = ['ad-server', 'rtb-bidder', 'report-api', 'sdk-gateway', 'creative-cdn', 'billing-job', 'user-profile'];
const databases = ['rds-report-prod', 'rds-billing', 'aurora-dmp', 'rds-adx-01'];
const groups = ['asg-bidder-spot', 'asg-ingest-spot', 'asg-render-mix'];
const buckets = ['mtg-logs-prod', 'dmp-export', 'creative-assets'];
const domains = ['api.spotmax.example', 'console.spotmax.example', 'cdn.mtg.example'];
const kafkaTopics = ['bid-log', 'impression-raw', 'billing-events'];
const tipsPool = ['请在变更窗口 (22:00-06:00) 内处理', 'Escalate to on-call if it happens again', '已关联 CMDB 资产'];

function hex(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

interface Draft {
  createdMs: number;
  ticket: Omit<MaxCloudTicket, 'id' | 'created_at' | 'updated_at'>;
  updatedMs: number;
}

function stateFor(random: () => number, createdMs: number): MaxCloudTicketState {
  const age = (MAXCLOUD_SEED_LAST_CREATED_AT - createdMs) / (MAXCLOUD_SEED_LAST_CREATED_AT - MAXCLOUD_SEED_FIRST_CREATED_AT);
  const r = random();
  // Old tickets are mostly done; recent ones are still being worked on.
  if (age > 0.5) return r < 0.6 ? 'closed' : r < 0.9 ? 'resolved' : r < 0.95 ? 'pending' : 'open';
  return r < 0.15 ? 'new' : r < 0.5 ? 'open' : r < 0.7 ? 'pending' : r < 0.9 ? 'resolved' : 'closed';
}

function priorityFor(random: () => number, topic: Topic): number {
  const r = random();
  const base = r < 0.2 ? 1 : r < 0.65 ? 2 : r < 0.9 ? 3 : 4;
  return Math.min(4, base + (topic.urgency ?? 0));
}

function draftTicket(random: () => number, companyId: number): Draft {
  const topic = pick(random, topics);
  const region = pick(random, seedRegions[companyId] ?? ['cn-north-1']);
  const fill = {
    svc: pick(random, services),
    inst: `i-0${hex(random, 16)}`,
    db: pick(random, databases),
    asg: pick(random, groups),
    node: `ip-10-${between(random, 0, 31)}-${between(random, 0, 255)}-${between(random, 1, 254)}.${region}.compute.internal`,
    pct: String(between(random, 12, 85)),
    month: `2026-${String(between(random, 1, 10)).padStart(2, '0')}`,
    bucket: pick(random, buckets),
    domain: pick(random, domains),
    topic: pick(random, kafkaTopics),
  };
  const render = (text: string) => text.replace(/\{(\w+)\}/g, (_m, key: string) => fill[key as keyof typeof fill] ?? '');

  const resourceOf = (kind: ResourceKind): MaxCloudResource => {
    const id = { ec2: fill.inst, rds: fill.db, eks_node: fill.node, s3: fill.bucket, elb: `elb-${fill.svc}`, asg: fill.asg, elasticache: `redis-${fill.svc}`, msk: `msk-${fill.topic}` }[kind];
    return { type: kind, id, region };
  };
  let resources: MaxCloudResource[] | null = null;
  if (topic.resource !== null && random() < 0.75) {
    resources = [resourceOf(topic.resource)];
    if (topic.resource === 'asg' && random() < 0.5) resources.push({ type: 'ec2', id: `i-0${hex(random, 16)}`, region });
  }

  const createdMs = MAXCLOUD_SEED_FIRST_CREATED_AT + Math.floor(random() * ((MAXCLOUD_SEED_LAST_CREATED_AT - MAXCLOUD_SEED_FIRST_CREATED_AT) / 1000)) * 1000;
  const state = stateFor(random, createdMs);
  const engineers = seedEngineers[companyId] ?? [];
  const createdBy = pick(random, engineers);
  const assignedTo = state === 'new' ? '' : pick(random, engineers);
  const team = pick(random, seedTeams[companyId] ?? [{ id: 0, name: '' }]);
  const noTeam = random() < 0.08;
  const withContent = random() < 0.85;
  const done = state === 'resolved' || state === 'closed';
  const notified = new Set([createdBy]);
  if (assignedTo !== '') notified.add(assignedTo);
  if (random() < 0.4) notified.add(pick(random, engineers));
  const updatedMs = state === 'new'
    ? createdMs + between(random, 0, 30) * MINUTE
    : createdMs + Math.floor(random() * Math.min(14 * DAY, MAXCLOUD_SEED_LAST_CREATED_AT - createdMs) / MINUTE + 10) * MINUTE;

  return {
    createdMs,
    updatedMs,
    ticket: {
      company_id: companyId,
      team_id: noTeam ? 0 : team.id,
      team_name: noTeam ? '' : team.name,
      created_by: createdBy,
      assigned_to: assignedTo,
      updated_by: assignedTo === '' ? createdBy : random() < 0.7 ? assignedTo : createdBy,
      state,
      priority: priorityFor(random, topic),
      root_cause: done ? topic.rootCause : '',
      subject: render(topic.subject),
      content_type: withContent ? 'markdown' : '',
      content: withContent ? render(topic.content) : '',
      comment_count: state === 'new' ? 0 : between(random, 1, 12),
      notification_list: [...notified],
      resources,
      tips: random() < 0.1 ? pick(random, tipsPool) : '',
      group_tag: pick(random, seedBusinessUnits[companyId] ?? ['ops']),
      labels: [...topic.labels],
    },
  };
}

/**
 * Puts each shared person on tickets of companies 1 and 2 as reporter, assignee and in the
 * notification list, in a fixed pattern (every `stride`-th ticket, rotating through the people).
 */
function involveSharedPeople(drafts: Draft[], stride: number): void {
  drafts.forEach((draft, i) => {
    const person = SHARED_EMAILS[Math.floor(i / stride) % SHARED_EMAILS.length]!;
    const t = draft.ticket;
    if (i % stride === 2) {
      t.created_by = person;
      if (t.assigned_to === '') t.updated_by = person;
      if (!t.notification_list.includes(person)) t.notification_list.unshift(person);
    }
    if (i % stride === 5 % stride) {
      if (t.state === 'new') t.state = 'open';
      t.assigned_to = person;
      t.updated_by = person;
      if (t.comment_count === 0) t.comment_count = 1;
      if (!t.notification_list.includes(person)) t.notification_list.push(person);
    }
    if (i % stride === 7 % stride && !t.notification_list.includes(person)) t.notification_list.push(person);
  });
}

/** Makes tickets share a creation second, so the tie order (id descending) is exercised. */
function collide(drafts: Draft[], indexes: readonly number[]): void {
  const first = drafts[indexes[0] ?? -1];
  if (!first) return;
  for (const i of indexes.slice(1)) {
    const draft = drafts[i];
    if (!draft) continue;
    draft.updatedMs += first.createdMs - draft.createdMs;
    draft.createdMs = first.createdMs;
  }
}

/** The doc's example ticket, and a ticket the doc's third example query (`group_tag:mtg AND labels:日志bug AND state:open`) finds. */
function pinDocExamples(drafts: Draft[], defaultEmail: string): void {
  const example = drafts[0];
  if (example) {
    example.createdMs = parseChinaTime('2026-10-28 16:34:54');
    example.updatedMs = parseChinaTime('2026-10-28 16:37:43');
    Object.assign(example.ticket, {
      team_id: 1, team_name: '', created_by: defaultEmail, assigned_to: defaultEmail, updated_by: defaultEmail, state: 'open', priority: 2,
      root_cause: '', subject: 'pod event warn 需要解决', content_type: '', content: '', comment_count: 5, notification_list: [defaultEmail],
      resources: null, tips: '', group_tag: 'mtg', labels: ['k8s'],
    } satisfies Partial<MaxCloudTicket>);
  }
  const logBug = drafts[1];
  if (logBug) {
    logBug.createdMs = parseChinaTime('2026-10-20 09:12:03');
    logBug.updatedMs = parseChinaTime('2026-10-21 11:40:00');
    Object.assign(logBug.ticket, {
      state: 'open', group_tag: 'mtg', labels: ['日志bug'], subject: '日志采集丢失 - ad-server', root_cause: '',
      content_type: 'markdown', content: 'ad-server 的日志在 Kibana 中有断档，filebeat 报 backpressure。',
    } satisfies Partial<MaxCloudTicket>);
  }
}

/** The doc's field order, then the two fields its query examples search on. */
function toTicket(id: number, { ticket: t, createdMs, updatedMs }: Draft): MaxCloudTicket {
  return {
    id, company_id: t.company_id, team_id: t.team_id, team_name: t.team_name, created_by: t.created_by, assigned_to: t.assigned_to,
    updated_by: t.updated_by, state: t.state, priority: t.priority, root_cause: t.root_cause, subject: t.subject, content_type: t.content_type,
    content: t.content, comment_count: t.comment_count, notification_list: t.notification_list,
    created_at: formatChinaTime(createdMs), updated_at: formatChinaTime(Math.max(updatedMs, createdMs)),
    resources: t.resources, tips: t.tips, group_tag: t.group_tag, labels: t.labels,
  };
}

/**
 * The seeded tickets of every company, deterministic (a fixed PRNG seed). Ids are handed out in
 * creation order across companies, like a database sequence, starting at 1.
 */
export function seedTickets(defaultEmail: string): MaxCloudTicket[] {
  const random = createPrng(0x5e0_c10d);
  const all: Draft[] = [];
  for (const [company, count] of Object.entries(MAXCLOUD_SEED_TICKET_COUNTS)) {
    const drafts = Array.from({ length: count }, () => draftTicket(random, Number(company)));
    if (company === '1') {
      pinDocExamples(drafts, defaultEmail);
      involveSharedPeople(drafts, 8);
      collide(drafts, [20, 21, 22]);
      collide(drafts, [60, 61]);
      collide(drafts, [95, 96]);
    }
    if (company === '2') {
      involveSharedPeople(drafts, 4);
      collide(drafts, [10, 11]);
    }
    all.push(...drafts);
  }
  all.sort((a, b) => a.createdMs - b.createdMs);
  return all.map((draft, i) => toTicket(i + 1, draft));
}
