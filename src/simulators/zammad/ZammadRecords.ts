/**
 * Zammad's records as the simulator keeps them: Zammad's own attribute names, timestamps as
 * epoch milliseconds (rendered as ISO-8601 UTC with milliseconds, as Rails does).
 */

/** Access levels of an agent in a group, as `group_ids` renders them (`{"1": ["full"]}`). */
export type GroupAccess = 'full' | 'read' | 'change' | 'overview' | 'create';

export interface UserRecord {
  id: number;
  login: string;
  firstname: string;
  lastname: string;
  email: string;
  /** Plain text: the simulator compares it verbatim. Never rendered. */
  password: string;
  organization_id: number | null;
  active: boolean;
  vip: boolean;
  phone: string;
  mobile: string;
  note: string;
  role_ids: number[];
  /** Group id → access levels; agents only. */
  group_access: Map<number, GroupAccess[]>;
  created_by_id: number;
  updated_by_id: number;
  created_at: number;
  updated_at: number;
}

export interface OrganizationRecord {
  id: number;
  name: string;
  /** Customers of a shared organization see every ticket of that organization. */
  shared: boolean;
  domain: string;
  domain_assignment: boolean;
  active: boolean;
  note: string;
  created_by_id: number;
  updated_by_id: number;
  created_at: number;
  updated_at: number;
}

export interface GroupRecord {
  id: number;
  name: string;
  active: boolean;
  note: string;
  email_address_id: number | null;
  signature_id: number | null;
  assignment_timeout: number | null;
  follow_up_possible: 'yes' | 'new_ticket';
  follow_up_assignment: boolean;
  created_by_id: number;
  updated_by_id: number;
  created_at: number;
  updated_at: number;
}

export interface TicketRecord {
  id: number;
  number: string;
  title: string;
  group_id: number;
  priority_id: number;
  state_id: number;
  organization_id: number | null;
  owner_id: number;
  customer_id: number;
  note: string | null;
  first_response_at: number | null;
  close_at: number | null;
  last_contact_at: number | null;
  create_article_type_id: number | null;
  create_article_sender_id: number | null;
  escalation_at: number | null;
  pending_time: number | null;
  created_by_id: number;
  updated_by_id: number;
  created_at: number;
  updated_at: number;
  tags: string[];
}

export interface AttachmentRecord {
  id: number;
  filename: string;
  content: Buffer;
  /** Stored as Zammad stores them: `Mime-Type` (and `Charset`) from the request, `Content-Type` alongside. */
  preferences: Record<string, string>;
}

export interface ArticleRecord {
  id: number;
  ticket_id: number;
  type_id: number;
  sender_id: number;
  from: string | null;
  to: string | null;
  cc: string | null;
  subject: string | null;
  content_type: string;
  body: string;
  internal: boolean;
  attachments: AttachmentRecord[];
  created_by_id: number;
  updated_by_id: number;
  created_at: number;
  updated_at: number;
}

export interface RoleRecord {
  id: number;
  name: string;
  permissions: string[];
  note: string;
}

export interface StateRecord {
  id: number;
  name: string;
  state_type_id: number;
  next_state_id: number | null;
  ignore_escalation: boolean;
  default_create: boolean;
  default_follow_up: boolean;
  active: boolean;
  note: string | null;
}

export interface PriorityRecord {
  id: number;
  name: string;
  default_create: boolean;
  ui_icon: string | null;
  ui_color: string | null;
  active: boolean;
  note: string | null;
}

export interface SettingRecord {
  id: number;
  name: string;
  title: string;
  area: string;
  description: string;
  value: unknown;
  frontend: boolean;
}

export interface NamedRecord {
  id: number;
  name: string;
}
