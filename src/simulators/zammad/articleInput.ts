import { isAgent } from './permissions.js';
import { ARTICLE_TYPE_EMAIL, ARTICLE_TYPE_NOTE, SENDER_AGENT, SENDER_CUSTOMER } from './referenceData.js';
import type { ZammadContext } from './ZammadContext.js';
import { flag } from './ZammadContext.js';
import { noLookupValue, unprocessable } from './ZammadError.js';
import type { ArticleRecord, AttachmentRecord, NamedRecord, TicketRecord, UserRecord } from './ZammadRecords.js';

/** Where the simulated instance sends e-mail from. */
const SUPPORT_ADDRESS = 'support@tessera.local';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function lookup(records: readonly NamedRecord[], idParam: unknown, nameParam: unknown, attribute: string): number | undefined {
  if (idParam !== undefined && idParam !== null && idParam !== '') {
    const id = Number(idParam);
    if (!records.some((r) => r.id === id)) throw noLookupValue(`${attribute}_id`, idParam);
    return id;
  }
  if (nameParam === undefined || nameParam === null || nameParam === '') return undefined;
  const found = records.find((r) => r.name === String(nameParam));
  if (!found) throw noLookupValue(attribute, nameParam);
  return found.id;
}

/**
 * `attachments: [{filename, data, "mime-type"}]`, checked as CreatesTicketArticles does: every
 * key required, `data` strict base64 (line breaks allowed), preferences stored as
 * `Mime-Type`/`Charset` (Zammad camelizes the request keys).
 */
function readAttachments(ctx: ZammadContext, value: unknown): AttachmentRecord[] {
  if (value === undefined || value === null || value === '') return [];
  if (!Array.isArray(value)) throw unprocessable("Attachment needs 'mime-type' param for attachment with index '0'");
  return value.map((raw: unknown, index) => {
    const attachment = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    for (const key of ['mime-type', 'filename', 'data']) {
      if (attachment[key] === undefined || attachment[key] === null || attachment[key] === false) {
        throw unprocessable(`Attachment needs '${key}' param for attachment with index '${index}'`);
      }
    }
    const data = String(attachment.data).replace(/[\r\n]/g, '');
    if (!BASE64.test(data)) throw unprocessable(`Invalid base64 for attachment with index '${index}'`);
    const mime = String(attachment['mime-type']);
    const preferences: Record<string, string> = { 'Content-Type': mime, 'Mime-Type': mime };
    if (attachment.charset !== undefined) preferences.Charset = String(attachment.charset);
    return { id: ctx.store.nextAttachmentId(), filename: String(attachment.filename), content: Buffer.from(data, 'base64'), preferences };
  });
}

function fullName(user: UserRecord): string {
  return `${user.firstname} ${user.lastname}`.trim() || user.login;
}

/**
 * CreatesTicketArticles#article_create: `body` is required; type defaults to note and sender to
 * Agent (agents) or Customer. Customers always write public Customer articles of type note or web.
 */
export function createArticle(ctx: ZammadContext, actor: UserRecord, ticket: TicketRecord, params: Record<string, unknown>): ArticleRecord {
  const { store } = ctx;
  if (params.body === undefined || params.body === null) throw unprocessable("Need at least an 'article body' field.");
  const agent = isAgent(store, actor);
  let typeId = lookup(store.articleTypes, params.type_id, params.type, 'type') ?? ARTICLE_TYPE_NOTE;
  let senderId = lookup(store.articleSenders, params.sender_id, params.sender, 'sender') ?? (agent ? SENDER_AGENT : SENDER_CUSTOMER);
  let internal = flag(params.internal);
  if (!agent) {
    senderId = SENDER_CUSTOMER;
    const typeName = store.articleTypes.find((t) => t.id === typeId)?.name;
    if (typeName !== 'note' && typeName !== 'web') typeId = ARTICLE_TYPE_NOTE;
    internal = false;
  }
  const attachments = readAttachments(ctx, params.attachments);
  const group = store.group(ticket.group_id)?.name ?? 'Users';
  const fromDefault = typeId !== ARTICLE_TYPE_EMAIL
    ? fullName(actor)
    : senderId === SENDER_AGENT ? `${fullName(actor)} via ${group} <${SUPPORT_ADDRESS}>` : `${fullName(actor)} <${actor.email}>`;
  const now = ctx.clock.now();
  const str = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));
  const article = store.addArticle({
    ticket_id: ticket.id,
    type_id: typeId,
    sender_id: senderId,
    from: str(params.from) ?? fromDefault,
    to: str(params.to),
    cc: str(params.cc),
    subject: str(params.subject),
    content_type: str(params.content_type) ?? 'text/plain',
    body: String(params.body),
    internal,
    attachments,
    created_by_id: actor.id,
    updated_by_id: actor.id,
    created_at: now,
    updated_at: now,
  });

  if (ticket.create_article_type_id === null) {
    ticket.create_article_type_id = typeId;
    ticket.create_article_sender_id = senderId;
  }
  if (!internal) {
    ticket.last_contact_at = now;
    if (senderId === SENDER_AGENT && ticket.first_response_at === null) ticket.first_response_at = now;
  }
  ticket.updated_at = now;
  ticket.updated_by_id = actor.id;
  return article;
}
