/**
 * What the simulated Dreamreflex CSA keeps in its (in-memory) database. Field names
 * are the vendor's own; times are epoch milliseconds (UTC) and are formatted only
 * when a record is serialized (see `serialize.ts`). Ownership follows the vendor:
 * tickets, contracts, projects and business accounts are owned by an e-mail address.
 */

export type UserRole = 'user' | 'admin';
export type TicketType = 'financial' | 'technical' | 'business';
export type TicketStatus = 'pending' | 'replied';
export type BusinessAccountStatus = 'pending' | 'active' | 'disabled';
export type ProjectTaskStatus = 'pending' | 'completed';

export const ticketTypes: readonly TicketType[] = ['financial', 'technical', 'business'];
export const ticketStatuses: readonly TicketStatus[] = ['pending', 'replied'];
export const projectTaskStatuses: readonly ProjectTaskStatus[] = ['pending', 'completed'];

export interface UserRecord {
  id: string;
  email: string;
  /** `scrypt$<salt hex>$<hash hex>`; the vendor stores Argon2, the format is not observable. */
  passwordHash: string;
  role: UserRole;
  is_active: boolean;
  created_at: number;
  updated_at: number | null;
  full_name: string | null;
  phone_number: string | null;
  avatar_url: string | null;
  bio: string | null;
}

export interface TicketRecord {
  id: string;
  title: string;
  ticket_type: TicketType;
  content: string;
  status: TicketStatus;
  feedback: string | null;
  creator_email: string;
  responder_email: string | null;
  created_at: number;
  updated_at: number | null;
  replied_at: number | null;
}

export interface BusinessAccountRecord {
  id: string;
  owner_email: string;
  status: BusinessAccountStatus;
  assigned_email: string | null;
  user_code: string | null;
  company_name: string | null;
  tax_number: string | null;
  certification_info: string | null;
  communication_address: string | null;
  contact_person_name: string | null;
  contact_phone: string | null;
  created_at: number;
  updated_at: number | null;
}

export interface ContractRecord {
  id: string;
  owner_email: string;
  title: string;
  content_markdown: string;
  is_signed: boolean;
  created_at: number;
  updated_at: number | null;
}

export interface ProjectRecord {
  id: string;
  owner_email: string;
  name: string;
  description: string | null;
  overview_markdown: string;
  created_at: number;
  updated_at: number | null;
}

export interface ProjectFileRecord {
  id: string;
  project_id: string;
  filename: string;
  /** Bytes. */
  file_size: number;
  content_type: string;
  tag: string | null;
  oss_key: string;
  created_at: number;
  updated_at: number | null;
}

export interface ProjectLinkRecord {
  id: string;
  project_id: string;
  title: string;
  url: string;
  description: string | null;
  created_at: number;
  updated_at: number | null;
}

export interface ProjectTaskRecord {
  id: string;
  project_id: string;
  title: string;
  description: string | null;
  status: ProjectTaskStatus;
  created_at: number;
  updated_at: number | null;
}

export interface ContactMessageRecord {
  id: string;
  name: string;
  email: string;
  message: string;
  is_processed: boolean;
  admin_notes: string | null;
  created_at: number;
}

/** A verification code sent by `POST /api/auth/send-code`, valid for 10 minutes. */
export interface VerificationCodeRecord {
  code: string;
  expiresAt: number;
}

/** Everything the simulator stores; the seed builds one, the factory owns it. */
export interface DreamreflexState {
  users: UserRecord[];
  tickets: TicketRecord[];
  businessAccounts: BusinessAccountRecord[];
  contracts: ContractRecord[];
  projects: ProjectRecord[];
  projectFiles: ProjectFileRecord[];
  projectLinks: ProjectLinkRecord[];
  projectTasks: ProjectTaskRecord[];
  contactMessages: ContactMessageRecord[];
  /** Keyed by normalized e-mail; a new code replaces the previous one. */
  verificationCodes: Map<string, VerificationCodeRecord>;
}
