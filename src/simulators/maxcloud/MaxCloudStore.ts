import { parseChinaTime } from './chinaTime.js';
import { MAXCLOUD_TICKET_STATES, type MaxCloudCompany, type MaxCloudTicket, type MaxCloudUser } from './MaxCloudRecords.js';

/** What `addTicket` needs; everything else gets an empty or neutral default. */
export type MaxCloudTicketInput = Partial<Omit<MaxCloudTicket, 'id'>> & Pick<MaxCloudTicket, 'company_id' | 'subject' | 'created_at'>;

/**
 * Newest first by `created_at`, ties (same second) by id descending. The doc does not say how
 * search results are ordered; this is the simulator's choice, and `tickets()` uses it too.
 * `YYYY-MM-DD HH:mm:ss` strings compare like the instants they name.
 */
export function newestFirst(a: MaxCloudTicket, b: MaxCloudTicket): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return b.id - a.id;
}

/**
 * The simulator's state: companies, users and tickets. Read helpers return copies, so tests
 * can inspect the state without changing what the simulator serves.
 */
export class MaxCloudStore {
  private readonly companyList: MaxCloudCompany[];
  private readonly userList: MaxCloudUser[];
  /** Kept in `newestFirst` order. */
  private readonly ticketList: MaxCloudTicket[];

  constructor(seed: { companies: MaxCloudCompany[]; users: MaxCloudUser[]; tickets: MaxCloudTicket[] }) {
    this.companyList = [...seed.companies].sort((a, b) => a.id - b.id);
    this.userList = [...seed.users].sort((a, b) => a.id - b.id);
    this.ticketList = [...seed.tickets].sort(newestFirst);
  }

  companies(): MaxCloudCompany[] {
    return structuredClone(this.companyList);
  }

  company(id: number): MaxCloudCompany | undefined {
    const company = this.companyList.find((c) => c.id === id);
    return company && structuredClone(company);
  }

  users(): MaxCloudUser[] {
    return structuredClone(this.userList);
  }

  /** E-mails are compared case-insensitively, ignoring surrounding spaces. */
  userByEmail(email: string): MaxCloudUser | undefined {
    const wanted = email.trim().toLowerCase();
    const user = this.userList.find((u) => u.email.toLowerCase() === wanted);
    return user && structuredClone(user);
  }

  userById(id: number): MaxCloudUser | undefined {
    const user = this.userList.find((u) => u.id === id);
    return user && structuredClone(user);
  }

  /** Tickets of one company (all companies when omitted), in the order search answers: newest first, ties by id descending. */
  tickets(companyId?: number): MaxCloudTicket[] {
    return structuredClone(companyId === undefined ? this.ticketList : this.ticketList.filter((t) => t.company_id === companyId));
  }

  /** Adds a ticket with the next free id (for tests that need a particular ticket); returns a copy of it. */
  addTicket(input: MaxCloudTicketInput): MaxCloudTicket {
    if (!this.companyList.some((c) => c.id === input.company_id)) throw new RangeError(`maxcloud: no company ${input.company_id}`);
    if (Number.isNaN(parseChinaTime(input.created_at))) throw new RangeError(`maxcloud: created_at must read YYYY-MM-DD HH:mm:ss, got ${input.created_at}`);
    if (input.state !== undefined && !MAXCLOUD_TICKET_STATES.includes(input.state)) throw new RangeError(`maxcloud: unknown state ${input.state}`);
    const ticket: MaxCloudTicket = {
      id: this.ticketList.reduce((max, t) => Math.max(max, t.id), 0) + 1,
      company_id: input.company_id,
      team_id: input.team_id ?? 0,
      team_name: input.team_name ?? '',
      created_by: input.created_by ?? '',
      assigned_to: input.assigned_to ?? '',
      updated_by: input.updated_by ?? input.created_by ?? '',
      state: input.state ?? 'new',
      priority: input.priority ?? 2,
      root_cause: input.root_cause ?? '',
      subject: input.subject,
      content_type: input.content_type ?? (input.content ? 'markdown' : ''),
      content: input.content ?? '',
      comment_count: input.comment_count ?? 0,
      notification_list: [...(input.notification_list ?? [])],
      created_at: input.created_at,
      updated_at: input.updated_at ?? input.created_at,
      resources: input.resources === undefined || input.resources === null ? null : structuredClone(input.resources),
      tips: input.tips ?? '',
      group_tag: input.group_tag ?? '',
      labels: [...(input.labels ?? [])],
    };
    this.ticketList.push(ticket);
    this.ticketList.sort(newestFirst);
    return structuredClone(ticket);
  }
}
