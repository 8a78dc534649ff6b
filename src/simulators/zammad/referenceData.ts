import type { NamedRecord, PriorityRecord, RoleRecord, StateRecord } from './ZammadRecords.js';

/** Zammad's seeded roles (db/seeds/roles.rb): the ids every Zammad install has. */
export const ROLE_ADMIN = 1;
export const ROLE_AGENT = 2;
export const ROLE_CUSTOMER = 3;

export const seedRoles: readonly RoleRecord[] = [
  { id: ROLE_ADMIN, name: 'Admin', permissions: ['admin', 'user_preferences', 'report'], note: 'To configure your system.' },
  { id: ROLE_AGENT, name: 'Agent', permissions: ['ticket.agent', 'chat.agent', 'cti.agent', 'user_preferences'], note: 'To work on Tickets.' },
  { id: ROLE_CUSTOMER, name: 'Customer', permissions: ['ticket.customer', 'user_preferences'], note: 'People who create Tickets ask for help.' },
];

/** Ticket::StateType, as seeded. */
export const seedStateTypes: readonly NamedRecord[] = [
  { id: 1, name: 'new' },
  { id: 2, name: 'open' },
  { id: 3, name: 'pending reminder' },
  { id: 4, name: 'pending action' },
  { id: 5, name: 'closed' },
  { id: 6, name: 'merged' },
  { id: 7, name: 'removed' },
];

export const STATE_NEW = 1;
export const STATE_OPEN = 2;
export const STATE_PENDING_REMINDER = 3;
export const STATE_CLOSED = 4;
export const STATE_MERGED = 5;
export const STATE_REMOVED = 6;
export const STATE_PENDING_CLOSE = 7;

/** Ticket::State, as seeded: note that "pending close" (id 7) is of type "pending action" and "removed" is inactive. */
export const seedStates: readonly StateRecord[] = [
  { id: STATE_NEW, name: 'new', state_type_id: 1, next_state_id: null, ignore_escalation: false, default_create: true, default_follow_up: false, active: true, note: null },
  { id: STATE_OPEN, name: 'open', state_type_id: 2, next_state_id: null, ignore_escalation: false, default_create: false, default_follow_up: true, active: true, note: null },
  { id: STATE_PENDING_REMINDER, name: 'pending reminder', state_type_id: 3, next_state_id: null, ignore_escalation: true, default_create: false, default_follow_up: false, active: true, note: null },
  { id: STATE_CLOSED, name: 'closed', state_type_id: 5, next_state_id: null, ignore_escalation: true, default_create: false, default_follow_up: false, active: true, note: null },
  { id: STATE_MERGED, name: 'merged', state_type_id: 6, next_state_id: null, ignore_escalation: true, default_create: false, default_follow_up: false, active: true, note: null },
  { id: STATE_REMOVED, name: 'removed', state_type_id: 7, next_state_id: null, ignore_escalation: true, default_create: false, default_follow_up: false, active: false, note: null },
  { id: STATE_PENDING_CLOSE, name: 'pending close', state_type_id: 4, next_state_id: STATE_CLOSED, ignore_escalation: true, default_create: false, default_follow_up: false, active: true, note: null },
];

export const PRIORITY_LOW = 1;
export const PRIORITY_NORMAL = 2;
export const PRIORITY_HIGH = 3;

/** Ticket::Priority, as seeded: the names carry their rank ("2 normal"). */
export const seedPriorities: readonly PriorityRecord[] = [
  { id: PRIORITY_LOW, name: '1 low', default_create: false, ui_icon: 'low-priority', ui_color: 'low-priority', active: true, note: null },
  { id: PRIORITY_NORMAL, name: '2 normal', default_create: true, ui_icon: null, ui_color: null, active: true, note: null },
  { id: PRIORITY_HIGH, name: '3 high', default_create: false, ui_icon: 'important', ui_color: 'high-priority', active: true, note: null },
];

/** Ticket::Article::Type, as seeded (ids included: clients see them in `type_id`). */
export const seedArticleTypes: readonly NamedRecord[] = [
  { id: 1, name: 'email' },
  { id: 2, name: 'sms' },
  { id: 3, name: 'chat' },
  { id: 4, name: 'fax' },
  { id: 5, name: 'phone' },
  { id: 6, name: 'twitter status' },
  { id: 7, name: 'twitter direct-message' },
  { id: 8, name: 'facebook feed post' },
  { id: 9, name: 'facebook feed comment' },
  { id: 10, name: 'note' },
  { id: 11, name: 'web' },
  { id: 12, name: 'telegram personal-message' },
];

export const ARTICLE_TYPE_EMAIL = 1;
export const ARTICLE_TYPE_PHONE = 5;
export const ARTICLE_TYPE_NOTE = 10;
export const ARTICLE_TYPE_WEB = 11;

export const seedArticleSenders: readonly NamedRecord[] = [
  { id: 1, name: 'Agent' },
  { id: 2, name: 'Customer' },
  { id: 3, name: 'System' },
];

export const SENDER_AGENT = 1;
export const SENDER_CUSTOMER = 2;
