import type { TicketModel, TicketStatus } from '../../models.js';

/** A person's part in a ticket, for `person(email)`'s ticket lists. */
export type PersonRole = 'CREATOR' | 'ASSIGNEE' | 'CUSTOMER';

/** What the merged `tickets` connection asks of every ticket vendor; all given conditions hold. */
export interface TicketQuery {
  status?: TicketStatus | null;
  /** Tickets in which this person (a trimmed, lower-cased e-mail address) has this role. */
  person?: { email: string; role: PersonRole } | null;
}

/** One read of a vendor's ticket list. */
export interface TicketFeedPage {
  items: TicketModel[];
  /** How many tickets match the query in all, when the vendor says; null when it does not. */
  total: number | null;
}

/**
 * A ticket vendor as the merged `tickets` connection reads it: its own list, newest first
 * (by creation time), paged by offset. The merge keeps one offset per vendor in its cursor
 * and reads each vendor's next records with at most one call per page.
 */
export interface TicketFeed {
  /** The largest `limit` that one vendor call serves. */
  readonly pageCap: number;
  /**
   * Whether the vendor can answer this query exactly (upstream, or by a rule that needs no
   * scan). A vendor that cannot is left out of the connection for it, as the schema documents.
   */
  supports(query: TicketQuery): boolean;
  /**
   * Records `[offset, offset + limit)` of the vendor's newest-first list for `query`, in one
   * vendor call (`limit` ≤ `pageCap`). Fewer than `limit` items means the list ends there.
   * Throws the vendor's typed error when it fails.
   */
  read(offset: number, limit: number, query: TicketQuery): Promise<TicketFeedPage>;
}
