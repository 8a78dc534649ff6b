import { createPrng, pick } from '../kit/createPrng.js';
import {
  ARTICLE_TYPE_EMAIL, ARTICLE_TYPE_NOTE, ARTICLE_TYPE_PHONE, ARTICLE_TYPE_WEB, PRIORITY_HIGH, PRIORITY_LOW, PRIORITY_NORMAL,
  ROLE_CUSTOMER, SENDER_AGENT, SENDER_CUSTOMER, STATE_CLOSED, STATE_MERGED, STATE_NEW, STATE_OPEN, STATE_PENDING_CLOSE,
  STATE_PENDING_REMINDER, STATE_REMOVED,
} from './referenceData.js';
import type { AttachmentRecord, TicketRecord, UserRecord } from './ZammadRecords.js';
import type { ZammadStore } from './ZammadStore.js';

export const SEED_TICKET_COUNT = 240;
/** Tickets are created between these instants (about 18 months, ending before November 2026). */
export const SEED_FIRST_TICKET_AT = Date.UTC(2025, 3, 1, 6, 12, 5, 117);
export const SEED_LAST_TICKET_AT = Date.UTC(2026, 9, 20, 9, 30, 0, 0);
const HOUR = 3_600_000;

interface Topic {
  title: string;
  body: string;
  tags: readonly string[];
}

/** Ticket topics per group id: the language follows the group's customers. */
const topics: Readonly<Record<number, readonly Topic[]>> = {
  1: [
    { title: 'Kann mich nicht anmelden', body: 'Seit heute Morgen bekomme ich beim Login die Meldung "Passwort falsch", obwohl ich es nicht geändert habe.', tags: ['account', 'password'] },
    { title: 'Feedback zur neuen Oberfläche', body: 'Die neue Oberfläche gefällt uns gut, nur die Suche ist etwas versteckt.', tags: ['feedback'] },
    { title: 'Welcome to Zammad!', body: 'Welcome! Thank you for installing Zammad. You will find updates and patches at https://zammad.org/.', tags: [] },
    { title: '账号被锁定', body: '连续输错三次密码后账号被锁定了，请帮忙解锁。', tags: ['account'] },
    { title: 'Change of contact person', body: 'Please replace our contact person with Emily Clark from next month on.', tags: ['account'] },
    { title: '希望增加导出功能', body: '建议在报表页面增加导出 Excel 的功能，谢谢。', tags: ['feedback'] },
  ],
  2: [
    { title: 'VPN connection drops every 10 minutes', body: 'Since the client update the VPN drops every ten minutes. Reconnecting works for a while.', tags: ['vpn'] },
    { title: 'Printer broken on 3rd floor', body: 'The printer on the 3rd floor shows error E-204 and prints blank pages.', tags: ['printer'] },
    { title: 'Outlook synchronisiert nicht', body: 'Mein Outlook synchronisiert seit gestern keine neuen E-Mails mehr.', tags: ['email'] },
    { title: '打印机卡纸', body: '二楼打印机一直提示卡纸，但是里面没有纸。', tags: ['printer'] },
    { title: 'VPN 无法连接', body: '在家办公时 VPN 提示证书错误，无法连接公司网络。', tags: ['vpn', 'urgent-customer'] },
    { title: 'New laptop setup', body: 'A new colleague starts on Monday and needs a laptop with the standard image.', tags: ['onboarding'] },
    { title: 'Mailbox full', body: 'I cannot send e-mails because my mailbox is full. Can you raise the quota?', tags: ['email'] },
  ],
  3: [
    { title: 'API returns 500 on export', body: 'Calling the export endpoint with more than 10k rows returns HTTP 500 after 30 seconds.', tags: ['bug', 'escalation'] },
    { title: 'Datenbank-Timeout bei Monatsabschluss', body: 'Beim Monatsabschluss läuft die Abfrage in einen Timeout. Log anbei.', tags: ['bug'] },
    { title: '同步任务重复执行', body: '定时同步任务每天执行两次，导致数据重复。', tags: ['bug', 'escalation'] },
    { title: 'SSO login loop', body: 'After the IdP certificate rotation users end up in a redirect loop.', tags: ['escalation', 'vpn'] },
    { title: 'Memory leak in agent service', body: 'The agent service grows to 4 GB within two days and has to be restarted.', tags: ['bug'] },
  ],
  4: [
    { title: '发票抬头错误', body: '上月发票的抬头写错了，应为公司全称，请重新开具。', tags: ['invoice', '发票'] },
    { title: 'Invoice 2025-114 paid twice', body: 'We paid invoice 2025-114 twice by mistake. Please refund one payment.', tags: ['invoice', 'refund'] },
    { title: 'Rechnung fehlt', body: 'Für März haben wir keine Rechnung erhalten. Bitte erneut senden.', tags: ['invoice'] },
    { title: '申请退款', body: '服务未使用，申请退还本季度费用。', tags: ['refund'] },
    { title: 'Change billing address', body: 'Our billing address changed, please update it for future invoices.', tags: ['invoice'] },
    { title: '合同付款方式变更', body: '希望把付款方式从季度改为年度。', tags: ['contract'] },
  ],
  5: [
    { title: '设备离线告警', body: '网关 GW-{n} 从昨晚开始离线，现场供电正常。', tags: ['设备离线'] },
    { title: '固件升级失败', body: '传感器批量升级固件到 v2.3 时有 12 台失败，提示校验错误。', tags: ['firmware'] },
    { title: 'Sensor readings frozen', body: 'Temperature sensor {n} has reported the same value for 6 hours.', tags: ['sensor', '设备离线'] },
    { title: 'Gerät meldet falsche Zeit', body: 'Das Gateway {n} meldet eine Zeitabweichung von 2 Stunden.', tags: ['firmware'] },
    { title: '数据上报延迟', body: '设备数据上报延迟超过 15 分钟，影响告警及时性。', tags: ['sensor'] },
  ],
  6: [
    { title: 'Angebot für 50 zusätzliche Lizenzen', body: 'Bitte senden Sie uns ein Angebot für 50 weitere Agenten-Lizenzen.', tags: ['angebot', 'lizenz'] },
    { title: 'Verlängerung Wartungsvertrag', body: 'Unser Wartungsvertrag läuft im Juni aus. Wie sind die Konditionen für die Verlängerung?', tags: ['lizenz'] },
    { title: 'Quote for on-premise installation', body: 'We would like a quote for an on-premise installation including training.', tags: ['angebot'] },
    { title: 'Rückmeldung zur Demo', body: 'Vielen Dank für die Demo, wir haben noch Fragen zur Schnittstelle.', tags: ['feedback'] },
  ],
};

const agentReplies = [
  'Thank you for your message. We are looking into it and will get back to you shortly.',
  '您好，我们已收到您的问题，正在处理中。',
  'Vielen Dank für Ihre Nachricht. Wir kümmern uns darum.',
  'Could you please send us a screenshot and the exact time the problem occurred?',
  '问题已修复，请您确认是否恢复正常。',
  'Das Problem ist behoben. Bitte geben Sie uns kurz Rückmeldung.',
];
const customerReplies = [
  'Thanks, it works again.',
  '好的，谢谢！',
  'Leider besteht das Problem weiterhin.',
  'Here is the screenshot you asked for.',
  '还是不行，麻烦再看一下。',
];
const internalNotes = [
  'Checked the logs: same error as last week, see linked ticket.',
  '客户是 VIP，优先处理。',
  'Rückruf vereinbart für Donnerstag 10 Uhr.',
  'Waiting for the vendor fix, ETA next release.',
];

/** A 1×1 transparent PNG. */
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF_STUB = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

function attachmentFor(n: number, id: number): AttachmentRecord {
  const kinds: Array<[string, Buffer, string]> = [
    ['screenshot.png', PNG_1PX, 'image/png'],
    [`invoice-2025-${100 + n}.pdf`, PDF_STUB, 'application/pdf'],
    ['vpn-client.log', Buffer.from(`2025-06-0${(n % 9) + 1} 08:15:02 ERROR tunnel closed by peer\n2025-06-0${(n % 9) + 1} 08:15:03 INFO reconnecting\n`, 'utf8'), 'text/plain'],
    ['设备列表.csv', Buffer.from('device,status\nGW-0001,offline\nGW-0002,online\n', 'utf8'), 'text/csv'],
  ];
  const [filename, content, mime] = kinds[n % kinds.length] ?? kinds[0]!;
  return { id, filename, content, preferences: { 'Content-Type': mime, 'Mime-Type': mime } };
}

function fullName(user: UserRecord): string {
  return `${user.firstname} ${user.lastname}`.trim();
}

/** Customers by weight: the four shared with the Dreamreflex simulator come up most. */
function customerPool(store: ZammadStore): UserRecord[] {
  const customers = store.users().filter((u) => u.role_ids.includes(ROLE_CUSTOMER) && u.active);
  const heavy = new Set(['demo@tessera.local', 'li.na@example.cn', 'john.smith@example.com', 'wang.lei@example.cn']);
  return customers.flatMap((u) => (heavy.has(u.email) ? [u, u, u] : [u]));
}

function agentsOf(store: ZammadStore, groupId: number): UserRecord[] {
  return store.users().filter((u) => u.active && u.group_access.get(groupId)?.includes('full'));
}

function stateFor(i: number, random: () => number): number {
  if (i % 41 === 7) return STATE_MERGED;
  if (i === 60 || i === 131) return STATE_REMOVED;
  const r = random();
  if (r < 0.36) return STATE_CLOSED;
  if (r < 0.56) return STATE_OPEN;
  if (r < 0.72) return STATE_NEW;
  if (r < 0.86) return STATE_PENDING_REMINDER;
  return STATE_PENDING_CLOSE;
}

/**
 * About 240 tickets (more than one 200-ticket search page) over all groups, states and priorities, with 1–5 articles each. Every
 * 23rd ticket shares its predecessor's creation instant, so ordering ties are real.
 */
export function seedTickets(store: ZammadStore): void {
  const random = createPrng(0x5a4d4d);
  const customers = customerPool(store);
  const span = SEED_LAST_TICKET_AT - SEED_FIRST_TICKET_AT;
  let previous: TicketRecord | undefined;
  let attachments = 0;

  for (let i = 0; i < SEED_TICKET_COUNT; i++) {
    const customer = customers[(i * 7 + Math.floor(random() * customers.length)) % customers.length] ?? customers[0]!;
    const groupId = (i % 9 === 0 ? 1 : (i % 5) + 2) as keyof typeof topics;
    const topic = pick(random, topics[groupId] ?? topics[1]!);
    const n = String(1000 + i).padStart(4, '0');
    const state = stateFor(i, random);
    const priority = random() < 0.15 ? PRIORITY_HIGH : random() < 0.2 ? PRIORITY_LOW : PRIORITY_NORMAL;
    const agents = agentsOf(store, groupId);
    const agent = agents[i % agents.length] ?? store.user(3)!;
    const owner = state === STATE_NEW || state === STATE_MERGED || (state === STATE_OPEN && i % 4 === 0) ? 1 : agent.id;

    const collide = previous !== undefined && i % 23 === 5;
    const createdAt = collide && previous ? previous.created_at : SEED_FIRST_TICKET_AT + Math.floor((span * i) / SEED_TICKET_COUNT) + Math.floor(random() * 40) * HOUR + (i % 1000);

    const firstType = pick(random, [ARTICLE_TYPE_EMAIL, ARTICLE_TYPE_EMAIL, ARTICLE_TYPE_WEB, ARTICLE_TYPE_PHONE]);
    const ticket = store.addTicket({
      title: topic.title.replace('{n}', n),
      group_id: groupId,
      priority_id: priority,
      state_id: state,
      organization_id: customer.organization_id,
      owner_id: owner,
      customer_id: customer.id,
      note: i % 31 === 3 ? 'Rückruf erwünscht / 请回电' : null,
      first_response_at: null,
      close_at: null,
      last_contact_at: null,
      create_article_type_id: firstType,
      create_article_sender_id: SENDER_CUSTOMER,
      escalation_at: null,
      pending_time: null,
      created_by_id: firstType === ARTICLE_TYPE_PHONE ? agent.id : customer.id,
      updated_by_id: customer.id,
      created_at: createdAt,
      updated_at: createdAt,
      tags: [...topic.tags.filter(() => random() < 0.85), ...(priority === PRIORITY_HIGH && i % 2 === 0 ? ['urgent-customer'] : [])]
        .filter((tag, k, all) => all.indexOf(tag) === k),
    });

    const groupName = store.group(groupId)?.name ?? 'Users';
    const supportAddress = `${groupName} <support@tessera.local>`;
    const articleCount = 1 + Math.floor(random() * 5);
    let at = createdAt;
    for (let k = 0; k < articleCount; k++) {
      const first = k === 0;
      const internal = !first && random() < 0.22;
      const fromAgent = !first && (internal || k % 2 === 1);
      const type = first ? firstType : internal ? ARTICLE_TYPE_NOTE : firstType === ARTICLE_TYPE_EMAIL ? ARTICLE_TYPE_EMAIL : ARTICLE_TYPE_NOTE;
      const author = fromAgent ? agent : customer;
      const isEmail = type === ARTICLE_TYPE_EMAIL;
      const body = first
        ? topic.body.replace('{n}', n)
        : internal ? pick(random, internalNotes) : fromAgent ? pick(random, agentReplies) : pick(random, customerReplies);
      const files: AttachmentRecord[] = [];
      if ((first && i % 12 === 4) || (!first && !internal && i % 29 === 11 && k === 1)) {
        files.push(attachmentFor(attachments++, store.nextAttachmentId()));
      }
      store.addArticle({
        ticket_id: ticket.id,
        type_id: type,
        sender_id: fromAgent ? SENDER_AGENT : SENDER_CUSTOMER,
        from: isEmail ? (fromAgent ? `${fullName(agent)} via ${supportAddress}` : `${fullName(customer)} <${customer.email}>`) : fullName(author),
        to: isEmail ? (fromAgent ? `${fullName(customer)} <${customer.email}>` : supportAddress) : null,
        cc: isEmail && k === 0 && i % 10 === 2 ? 'it-leitung@mueller-maschinenbau.de' : null,
        subject: first || isEmail ? ticket.title : null,
        content_type: isEmail && i % 3 === 0 ? 'text/html' : 'text/plain',
        body: isEmail && i % 3 === 0 ? `<div>${body}</div>` : body,
        internal,
        attachments: files,
        created_by_id: first && type === ARTICLE_TYPE_PHONE ? agent.id : author.id,
        updated_by_id: first && type === ARTICLE_TYPE_PHONE ? agent.id : author.id,
        created_at: at,
        updated_at: at,
      });
      if (fromAgent && !internal && ticket.first_response_at === null) ticket.first_response_at = at;
      if (!internal) ticket.last_contact_at = at;
      ticket.updated_by_id = author.id;
      ticket.updated_at = at;
      at += (1 + Math.floor(random() * 30)) * HOUR + Math.floor(random() * 59) * 60_000;
    }
    if (state === STATE_MERGED) {
      const mergedAt = at;
      store.addArticle({
        ticket_id: ticket.id, type_id: ARTICLE_TYPE_NOTE, sender_id: SENDER_AGENT, from: fullName(agent), to: null, cc: null, subject: null,
        content_type: 'text/plain', body: 'merged', internal: false, attachments: [], created_by_id: agent.id, updated_by_id: agent.id,
        created_at: mergedAt, updated_at: mergedAt,
      });
      ticket.updated_at = mergedAt;
    }
    if (state === STATE_CLOSED) ticket.close_at = ticket.updated_at;
    if (state === STATE_PENDING_REMINDER || state === STATE_PENDING_CLOSE) ticket.pending_time = ticket.updated_at + 3 * 24 * HOUR;
    if (state === STATE_NEW || state === STATE_OPEN) ticket.escalation_at = ticket.created_at + (priority === PRIORITY_HIGH ? 4 : 24) * HOUR;
    // Keep the seed in the past of its own end, so ranges over it are stable.
    ticket.updated_at = Math.min(ticket.updated_at, SEED_LAST_TICKET_AT + 10 * 24 * HOUR);
    // A few tickets updated in the same instant, so default (updated_at) ordering has ties too.
    if (collide && previous) ticket.updated_at = previous.updated_at;
    previous = ticket;
  }
}
