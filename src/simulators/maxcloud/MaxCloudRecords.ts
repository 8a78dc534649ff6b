/**
 * The records the MaxCloud simulator keeps, in the vendor's own field names. A ticket is
 * stored exactly as `POST /api/tickets/search` renders it.
 */

/**
 * Ticket states. The doc shows only `open`; the rest of the vocabulary is the simulator's
 * choice: `new` (nobody assigned yet), `open` (being worked on), `pending` (waiting for the
 * reporter or a third party), `resolved` (fixed, awaiting confirmation), `closed`.
 */
export const MAXCLOUD_TICKET_STATES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type MaxCloudTicketState = (typeof MAXCLOUD_TICKET_STATES)[number];

/** Ticket priority, an integer (the doc shows `2`). The scale is the simulator's choice: 1 low … 4 urgent. */
export const MaxCloudPriority = { low: 1, normal: 2, high: 3, urgent: 4 } as const;
export type MaxCloudPriorityValue = (typeof MaxCloudPriority)[keyof typeof MaxCloudPriority];

/** A company ("组" in the console): the unit a token is scoped to. */
export interface MaxCloudCompany {
  id: number;
  name: string;
  /** `YYYY-MM-DD HH:mm:ss`, China time (UTC+8), no zone. */
  created_at: string;
}

/** A console account. `group_admin`, `admin` and `change_password` are opaque flags echoed at login, as in the doc. */
export interface MaxCloudUser {
  id: number;
  email: string;
  password: string;
  group_admin: number;
  admin: number;
  change_password: number;
  /** The company a login token is scoped to. */
  default_company_id: number;
  /** Companies the user may switch to, ascending. */
  company_ids: number[];
}

/** A cloud resource a ticket is about, e.g. `{type: "ec2", id: "i-0abc…", region: "cn-north-1"}`. */
export interface MaxCloudResource {
  type: string;
  id: string;
  region: string;
}

export interface MaxCloudTicket {
  id: number;
  company_id: number;
  /** 0 with an empty `team_name` when the ticket belongs to no team. */
  team_id: number;
  /** May be empty even with a team (the doc's own example: team 1, name ""). */
  team_name: string;
  /** E-mail of the reporter. */
  created_by: string;
  /** E-mail of the assignee, or "" while nobody is assigned. */
  assigned_to: string;
  updated_by: string;
  state: MaxCloudTicketState;
  priority: number;
  /** Filled once resolved or closed; otherwise "". */
  root_cause: string;
  subject: string;
  /** "" when `content` is empty, else "markdown" (the simulator's guess: the doc shows only ""). */
  content_type: string;
  content: string;
  comment_count: number;
  /** E-mails notified of changes. */
  notification_list: string[];
  /** `YYYY-MM-DD HH:mm:ss`, China time (UTC+8), no zone. */
  created_at: string;
  /** `YYYY-MM-DD HH:mm:ss`, China time (UTC+8), no zone. */
  updated_at: string;
  resources: MaxCloudResource[] | null;
  tips: string;
  /** Business unit ("BU" in the doc's examples): `mtg`, `ops`, `data`, `game`, `lab`. */
  group_tag: string;
  labels: string[];
}
