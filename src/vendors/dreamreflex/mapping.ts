import type {
  BusinessAccountModel,
  ContactSubmissionModel,
  ContractModel,
  DreamreflexSessionModel,
  DreamreflexTicketModel,
  DreamreflexUserModel,
  FileDownloadModel,
  PersonModel,
  ProjectFileModel,
  ProjectLinkModel,
  ProjectModel,
  ProjectTaskModel,
  TicketStatus,
} from '../../models.js';
import { isoUtc } from '../shared/isoUtc.js';
import type {
  RawBusinessAccount,
  RawContactSubmission,
  RawContract,
  RawDownloadUrl,
  RawProject,
  RawProjectFile,
  RawProjectLink,
  RawProjectTask,
  RawTicket,
  RawToken,
  RawUser,
} from './types.js';

/** Pure raw → model mapping. Dreamreflex timestamps are UTC, with or without the `Z`. */

const source = 'DREAMREFLEX' as const;

export function personOf(email: string, name: string | null = null): PersonModel {
  return { email: email.trim().toLowerCase(), name };
}

/** `pending` waits for the support side's reply; `replied` is the vendor's final state ("处理完成"). */
const ticketStatuses: Record<RawTicket['status'], TicketStatus> = { pending: 'OPEN', replied: 'RESOLVED' };

/** The vendor's `status_filter` for a normalized status; null when no Dreamreflex ticket can have it. */
export function ticketStatusFilter(status: TicketStatus): RawTicket['status'] | null {
  const entry = Object.entries(ticketStatuses).find(([, normalized]) => normalized === status);
  return entry ? (entry[0] as RawTicket['status']) : null;
}

export function ticketOf(raw: RawTicket): DreamreflexTicketModel {
  return {
    kind: 'DreamreflexTicket',
    source,
    nativeId: raw.id,
    title: raw.title,
    body: raw.content,
    status: ticketStatuses[raw.status],
    vendorStatus: raw.status,
    ticketType: raw.ticket_type.toUpperCase() as DreamreflexTicketModel['ticketType'],
    feedback: raw.feedback,
    creator: personOf(raw.creator_email),
    responder: raw.responder_email ? personOf(raw.responder_email) : null,
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
    repliedAt: isoUtc(raw.replied_at),
  };
}

export function contractOf(raw: RawContract): ContractModel {
  return {
    kind: 'Contract',
    source,
    nativeId: raw.id,
    title: raw.title,
    contentMarkdown: raw.content_markdown,
    isSigned: raw.is_signed,
    owner: personOf(raw.owner_email),
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
  };
}

export function projectOf(raw: RawProject): ProjectModel {
  return {
    kind: 'Project',
    source,
    nativeId: raw.id,
    name: raw.name,
    description: raw.description,
    overviewMarkdown: raw.overview_markdown,
    owner: personOf(raw.owner_email),
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
  };
}

export function projectFileOf(raw: RawProjectFile): ProjectFileModel {
  return {
    kind: 'ProjectFile',
    source,
    nativeId: raw.id,
    projectNativeId: raw.project_id,
    filename: raw.filename,
    size: raw.file_size,
    contentType: raw.content_type,
    tag: raw.tag,
    storageKey: raw.oss_key,
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
  };
}

export function projectLinkOf(raw: RawProjectLink): ProjectLinkModel {
  return {
    kind: 'ProjectLink',
    source,
    nativeId: raw.id,
    projectNativeId: raw.project_id,
    title: raw.title,
    url: raw.url,
    description: raw.description,
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
  };
}

export function projectTaskOf(raw: RawProjectTask): ProjectTaskModel {
  return {
    kind: 'ProjectTask',
    source,
    nativeId: raw.id,
    projectNativeId: raw.project_id,
    title: raw.title,
    description: raw.description,
    status: raw.status === 'completed' ? 'COMPLETED' : 'PENDING',
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
  };
}

/**
 * The vendor knows the owner by e-mail only. `contact_person_name` (联系人姓名) names the
 * contact person, who may be someone else: it stays in `contactPersonName`, never the owner's name.
 */
export function businessAccountOf(raw: RawBusinessAccount): BusinessAccountModel {
  return {
    kind: 'BusinessAccount',
    source,
    nativeId: raw.id,
    owner: personOf(raw.owner_email),
    status: raw.status.toUpperCase() as BusinessAccountModel['status'],
    assignedEmail: raw.assigned_email,
    userCode: raw.user_code,
    companyName: raw.company_name,
    taxNumber: raw.tax_number,
    certificationInfo: raw.certification_info,
    communicationAddress: raw.communication_address,
    contactPersonName: raw.contact_person_name,
    contactPhone: raw.contact_phone,
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
  };
}

export function userOf(raw: RawUser): DreamreflexUserModel {
  return {
    kind: 'DreamreflexUser',
    source,
    nativeId: raw.id,
    email: raw.email,
    role: raw.role === 'admin' ? 'ADMIN' : 'USER',
    isActive: raw.is_active,
    fullName: raw.full_name,
    phoneNumber: raw.phone_number,
    avatarUrl: raw.avatar_url,
    bio: raw.bio,
    createdAt: isoUtc(raw.created_at),
    updatedAt: isoUtc(raw.updated_at),
  };
}

/** `issuedAt` is when Tessera received the token, in ms. */
export function sessionOf(raw: RawToken, issuedAt: number): DreamreflexSessionModel {
  return {
    accessToken: raw.access_token,
    tokenType: raw.token_type,
    expiresIn: raw.expires_in,
    expiresAt: new Date(issuedAt + raw.expires_in * 1000).toISOString(),
  };
}

export function fileDownloadOf(raw: RawDownloadUrl, issuedAt: number): FileDownloadModel {
  return { url: raw.download_url, expiresAt: new Date(issuedAt + raw.expires_in * 1000).toISOString() };
}

export function contactSubmissionOf(raw: RawContactSubmission): ContactSubmissionModel {
  return {
    kind: 'ContactSubmission',
    source,
    nativeId: raw.id,
    name: raw.name,
    email: raw.email,
    message: raw.message,
    isProcessed: raw.is_processed,
    createdAt: isoUtc(raw.created_at),
  };
}

/** camelCase input → the vendor's snake_case body, leaving out fields the caller did not give. */
export function snakeCaseBody(input: object): Record<string, string> {
  const body: Record<string, string> = {};
  for (const [key, value] of Object.entries(input) as [string, unknown][]) {
    if (typeof value !== 'string') continue;
    body[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
  }
  return body;
}
