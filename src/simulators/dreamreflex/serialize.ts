import type {
  BusinessAccountRecord,
  ContactMessageRecord,
  ContractRecord,
  ProjectFileRecord,
  ProjectLinkRecord,
  ProjectRecord,
  ProjectTaskRecord,
  TicketRecord,
  UserRecord,
} from './records.js';

/**
 * The vendor writes UTC times two ways, as its doc shows: tickets, contracts, business
 * accounts and contact messages as naive ISO (`2024-01-01T10:00:00`, still UTC), users
 * and the project family with a `Z`. Both are truncated to whole seconds.
 */
export function formatNaiveUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function formatUtcZ(ms: number): string {
  return `${formatNaiveUtc(ms)}Z`;
}

function naiveOrNull(ms: number | null): string | null {
  return ms === null ? null : formatNaiveUtc(ms);
}

function zOrNull(ms: number | null): string | null {
  return ms === null ? null : formatUtcZ(ms);
}

export function toUserJson(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    is_active: user.is_active,
    created_at: formatUtcZ(user.created_at),
    updated_at: zOrNull(user.updated_at),
    full_name: user.full_name,
    phone_number: user.phone_number,
    avatar_url: user.avatar_url,
    bio: user.bio,
  };
}

export function toTicketJson(ticket: TicketRecord) {
  return {
    id: ticket.id,
    title: ticket.title,
    ticket_type: ticket.ticket_type,
    content: ticket.content,
    status: ticket.status,
    feedback: ticket.feedback,
    creator_email: ticket.creator_email,
    responder_email: ticket.responder_email,
    created_at: formatNaiveUtc(ticket.created_at),
    updated_at: naiveOrNull(ticket.updated_at),
    replied_at: naiveOrNull(ticket.replied_at),
  };
}

export function toBusinessAccountJson(account: BusinessAccountRecord) {
  return {
    id: account.id,
    owner_email: account.owner_email,
    status: account.status,
    assigned_email: account.assigned_email,
    user_code: account.user_code,
    company_name: account.company_name,
    tax_number: account.tax_number,
    certification_info: account.certification_info,
    communication_address: account.communication_address,
    contact_person_name: account.contact_person_name,
    contact_phone: account.contact_phone,
    created_at: formatNaiveUtc(account.created_at),
    updated_at: naiveOrNull(account.updated_at),
  };
}

export function toContractJson(contract: ContractRecord) {
  return {
    id: contract.id,
    owner_email: contract.owner_email,
    title: contract.title,
    content_markdown: contract.content_markdown,
    is_signed: contract.is_signed,
    created_at: formatNaiveUtc(contract.created_at),
    updated_at: naiveOrNull(contract.updated_at),
  };
}

export function toProjectJson(project: ProjectRecord) {
  return {
    id: project.id,
    owner_email: project.owner_email,
    name: project.name,
    description: project.description,
    overview_markdown: project.overview_markdown,
    created_at: formatUtcZ(project.created_at),
    updated_at: zOrNull(project.updated_at),
  };
}

export function toProjectFileJson(file: ProjectFileRecord) {
  return {
    id: file.id,
    project_id: file.project_id,
    filename: file.filename,
    file_size: file.file_size,
    content_type: file.content_type,
    tag: file.tag,
    oss_key: file.oss_key,
    created_at: formatUtcZ(file.created_at),
    updated_at: zOrNull(file.updated_at),
  };
}

export function toProjectLinkJson(link: ProjectLinkRecord) {
  return {
    id: link.id,
    project_id: link.project_id,
    title: link.title,
    url: link.url,
    description: link.description,
    created_at: formatUtcZ(link.created_at),
    updated_at: zOrNull(link.updated_at),
  };
}

export function toProjectTaskJson(task: ProjectTaskRecord) {
  return {
    id: task.id,
    project_id: task.project_id,
    title: task.title,
    description: task.description,
    status: task.status,
    created_at: formatUtcZ(task.created_at),
    updated_at: zOrNull(task.updated_at),
  };
}

export function toContactMessageJson(message: ContactMessageRecord) {
  return {
    id: message.id,
    name: message.name,
    email: message.email,
    message: message.message,
    is_processed: message.is_processed,
    admin_notes: message.admin_notes,
    created_at: formatNaiveUtc(message.created_at),
  };
}
