import {
  seedArticleSenders, seedArticleTypes, seedPriorities, seedRoles, seedStates, seedStateTypes,
} from './referenceData.js';
import type {
  ArticleRecord, GroupRecord, NamedRecord, OrganizationRecord, PriorityRecord, RoleRecord, SettingRecord, StateRecord, TicketRecord, UserRecord,
} from './ZammadRecords.js';

/** First ticket number; Zammad's increment generator counts up from its configured start. */
const FIRST_TICKET_NUMBER = 31001;

/**
 * One Zammad instance's state. Reads return the live records (treat them as read-only);
 * writes go through the `add…`/`remove…` methods so ids and numbers stay consistent.
 */
export class ZammadStore {
  readonly roles: readonly RoleRecord[] = seedRoles.map((r) => ({ ...r, permissions: [...r.permissions] }));
  readonly stateTypes: readonly NamedRecord[] = seedStateTypes.map((t) => ({ ...t }));
  readonly states: StateRecord[] = seedStates.map((s) => ({ ...s }));
  readonly priorities: PriorityRecord[] = seedPriorities.map((p) => ({ ...p }));
  readonly articleTypes: readonly NamedRecord[] = seedArticleTypes.map((t) => ({ ...t }));
  readonly articleSenders: readonly NamedRecord[] = seedArticleSenders.map((s) => ({ ...s }));
  readonly settings: SettingRecord[] = [];
  /** Personal access tokens (`Authorization: Token token=…`) → user id. */
  readonly apiTokens = new Map<string, number>();
  /** OAuth2 access tokens (`Authorization: Bearer …`) → user id. */
  readonly oauthTokens = new Map<string, number>();

  private readonly userMap = new Map<number, UserRecord>();
  private readonly organizationMap = new Map<number, OrganizationRecord>();
  private readonly groupMap = new Map<number, GroupRecord>();
  private readonly ticketMap = new Map<number, TicketRecord>();
  private readonly articleMap = new Map<number, ArticleRecord>();
  private readonly tagItemIds = new Map<string, number>();
  private readonly next = { user: 1, organization: 1, group: 1, ticket: 1, article: 1, attachment: 1, state: 8, priority: 4 };

  tickets(): TicketRecord[] {
    return sortById([...this.ticketMap.values()]);
  }

  users(): UserRecord[] {
    return sortById([...this.userMap.values()]);
  }

  organizations(): OrganizationRecord[] {
    return sortById([...this.organizationMap.values()]);
  }

  groups(): GroupRecord[] {
    return sortById([...this.groupMap.values()]);
  }

  /** A ticket's articles in creation order (id ascending), internal ones included. */
  articlesOf(ticketId: number): ArticleRecord[] {
    return sortById([...this.articleMap.values()].filter((a) => a.ticket_id === ticketId));
  }

  tagsOf(ticketId: number): string[] {
    return [...(this.ticketMap.get(ticketId)?.tags ?? [])];
  }

  ticket(id: number): TicketRecord | undefined {
    return this.ticketMap.get(id);
  }

  article(id: number): ArticleRecord | undefined {
    return this.articleMap.get(id);
  }

  user(id: number): UserRecord | undefined {
    return this.userMap.get(id);
  }

  organization(id: number): OrganizationRecord | undefined {
    return this.organizationMap.get(id);
  }

  group(id: number): GroupRecord | undefined {
    return this.groupMap.get(id);
  }

  state(id: number): StateRecord | undefined {
    return this.states.find((s) => s.id === id);
  }

  priority(id: number): PriorityRecord | undefined {
    return this.priorities.find((p) => p.id === id);
  }

  /** Login and e-mail are unique and compared lower-cased, as Zammad stores them. */
  userByLoginOrEmail(identifier: string): UserRecord | undefined {
    const key = identifier.trim().toLowerCase();
    if (key === '') return undefined;
    return this.users().find((u) => u.login.toLowerCase() === key || (u.email !== '' && u.email.toLowerCase() === key));
  }

  userByEmail(email: string): UserRecord | undefined {
    const key = email.trim().toLowerCase();
    return this.users().find((u) => u.email !== '' && u.email.toLowerCase() === key);
  }

  setting(name: string): SettingRecord | undefined {
    return this.settings.find((s) => s.name === name);
  }

  addUser(user: Omit<UserRecord, 'id'> & { id?: number }): UserRecord {
    const record: UserRecord = { ...user, id: user.id ?? this.next.user };
    this.next.user = Math.max(this.next.user, record.id + 1);
    this.userMap.set(record.id, record);
    return record;
  }

  removeUser(id: number): void {
    this.userMap.delete(id);
  }

  addOrganization(organization: Omit<OrganizationRecord, 'id'> & { id?: number }): OrganizationRecord {
    const record: OrganizationRecord = { ...organization, id: organization.id ?? this.next.organization };
    this.next.organization = Math.max(this.next.organization, record.id + 1);
    this.organizationMap.set(record.id, record);
    return record;
  }

  addGroup(group: Omit<GroupRecord, 'id'> & { id?: number }): GroupRecord {
    const record: GroupRecord = { ...group, id: group.id ?? this.next.group };
    this.next.group = Math.max(this.next.group, record.id + 1);
    this.groupMap.set(record.id, record);
    return record;
  }

  addState(state: Omit<StateRecord, 'id'>): StateRecord {
    const record: StateRecord = { ...state, id: this.next.state++ };
    this.states.push(record);
    return record;
  }

  addPriority(priority: Omit<PriorityRecord, 'id'>): PriorityRecord {
    const record: PriorityRecord = { ...priority, id: this.next.priority++ };
    this.priorities.push(record);
    return record;
  }

  /** Adds a ticket with the next id and number. */
  addTicket(ticket: Omit<TicketRecord, 'id' | 'number'>): TicketRecord {
    const id = this.next.ticket++;
    const record: TicketRecord = { ...ticket, id, number: String(FIRST_TICKET_NUMBER - 1 + id) };
    this.ticketMap.set(id, record);
    return record;
  }

  /** Removes a ticket and its articles, as `Ticket#destroy` does (`dependent: :destroy`). */
  removeTicket(id: number): void {
    this.ticketMap.delete(id);
    for (const article of this.articlesOf(id)) this.articleMap.delete(article.id);
  }

  addArticle(article: Omit<ArticleRecord, 'id'>): ArticleRecord {
    const record: ArticleRecord = { ...article, id: this.next.article++ };
    this.articleMap.set(record.id, record);
    return record;
  }

  /** Tag::Item ids: one per distinct tag name, kept after the last ticket drops the tag (as Zammad keeps them). */
  tagItems(): Array<{ id: number; name: string }> {
    for (const ticket of this.tickets()) for (const tag of ticket.tags) this.tagItemId(tag);
    return [...this.tagItemIds.entries()].map(([name, id]) => ({ id, name }));
  }

  tagItemId(name: string): number {
    let id = this.tagItemIds.get(name);
    if (id === undefined) {
      id = this.tagItemIds.size + 1;
      this.tagItemIds.set(name, id);
    }
    return id;
  }

  nextAttachmentId(): number {
    return this.next.attachment++;
  }

  addSetting(setting: Omit<SettingRecord, 'id'>): SettingRecord {
    const record: SettingRecord = { ...setting, id: this.settings.length + 1 };
    this.settings.push(record);
    return record;
  }
}

function sortById<T extends { id: number }>(records: T[]): T[] {
  return records.sort((a, b) => a.id - b.id);
}
