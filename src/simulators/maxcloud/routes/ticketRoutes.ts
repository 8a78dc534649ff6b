import type { Router } from 'express';
import { parseChinaTime } from '../chinaTime.js';
import { badRequest, sendData } from '../envelope.js';
import { grantOf, type MaxCloudContext } from '../MaxCloudContext.js';
import { matchesTicketQuery } from '../matchTicketQuery.js';
import { parseTicketQuery, TicketQuerySyntaxError, type TicketQuery } from '../parseTicketQuery.js';
import { readSearch } from '../requestBodies.js';

function parseQuery(query: string): TicketQuery {
  try {
    return parseTicketQuery(query);
  } catch (err) {
    if (err instanceof TicketQuerySyntaxError) throw badRequest(`query syntax error: ${err.message}`);
    throw err;
  }
}

/** `POST /api/tickets/search`. */
export function registerTicketRoutes(router: Router, ctx: MaxCloudContext): void {
  /**
   * Only the token's company is searched (`search_scope: "0:company"`): a `company_id:` clause
   * can narrow within it but never widen it. `start_time`/`end_time` (epoch ms, both inclusive)
   * bound `created_at`, read as China time; a start after the end finds nothing. Results come
   * newest first, ties by id descending (the simulator's choice; the doc does not say).
   */
  router.post('/api/tickets/search', ...ctx.authed, (req, res) => {
    const { companyId } = grantOf(res);
    const input = readSearch(req.body);
    const query = parseQuery(input.query);
    const from = input.start_time ?? Number.NEGATIVE_INFINITY;
    const to = input.end_time ?? Number.POSITIVE_INFINITY;
    const matches = ctx.store.tickets(companyId).filter((ticket) => {
      const created = parseChinaTime(ticket.created_at);
      return created >= from && created <= to && matchesTicketQuery(query, ticket);
    });
    // Clamped silently, as many APIs do; `page_size` in the answer says what was used.
    const pageSize = Math.min(input.page_size, ctx.pageSizeMax);
    const start = (input.page - 1) * pageSize;
    sendData(res, ctx.clock, {
      total: matches.length,
      page_size: pageSize,
      page: input.page,
      tickets: matches.slice(start, start + pageSize),
      search_scope: '0:company',
    });
  });
}
