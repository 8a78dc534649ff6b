import type { RouteTable } from '../createRouteTable.js';
import { canAccess } from '../canAccess.js';
import { HttpError } from '../HttpError.js';
import { dreamreflexMessages as m } from '../messages.js';
import { parseObjectId } from '../objectId.js';
import { paginate } from '../paginate.js';
import { readJsonBody } from '../readBody.js';
import { ticketStatuses, ticketTypes, type TicketRecord, type TicketType } from '../records.js';
import { RequestCheck, type BodyRules } from '../RequestCheck.js';
import type { RouteDeps } from '../RouteDeps.js';
import { toTicketJson } from '../serialize.js';

const createRules: BodyRules = {
  title: { kind: 'string', required: true, minLength: 1, maxLength: 200 },
  ticket_type: { kind: 'enum', values: ticketTypes, required: true },
  content: { kind: 'string', required: true, minLength: 1 },
};
const updateRules: BodyRules = {
  title: { kind: 'string', minLength: 1, maxLength: 200 },
  content: { kind: 'string', minLength: 1 },
};

export function registerTicketRoutes(routes: RouteTable, { state, tokens, clock, newId }: RouteDeps): void {
  function findTicket(id: string): TicketRecord {
    const objectId = parseObjectId(id);
    const ticket = objectId === null ? undefined : state.tickets.find((t) => t.id === objectId);
    if (!ticket) throw new HttpError(404, m.ticketNotFound);
    return ticket;
  }

  routes.add('POST', '/api/tickets', async (req, res) => {
    const raw = readJsonBody(req);
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const body = check.body(raw, createRules);
    check.done();
    const ticket: TicketRecord = {
      id: newId(),
      title: body.title as string,
      ticket_type: body.ticket_type as TicketType,
      content: body.content as string,
      status: 'pending',
      feedback: null,
      creator_email: user.email,
      responder_email: null,
      created_at: clock.now(),
      updated_at: null,
      replied_at: null,
    };
    state.tickets.push(ticket);
    res.status(201).json(toTicketJson(ticket));
  });

  routes.add('GET', '/api/tickets', async (req, res) => {
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const skip = check.int('skip', { default: 0, ge: 0 });
    const limit = check.int('limit', { default: 10, ge: 1, le: 100 });
    const status = check.enumValue('status_filter', ticketStatuses);
    check.done();
    // Admins see every ticket, users only their own (the doc's 权限说明).
    const matches = state.tickets.filter((t) => (user.role === 'admin' || t.creator_email === user.email) && (status === undefined || t.status === status));
    res.json(paginate(matches, skip, limit, toTicketJson));
  });

  routes.add('GET', '/api/tickets/:ticket_id', async (req, res) => {
    const user = await tokens.authenticate(req);
    const ticket = findTicket(req.params.ticket_id as string);
    if (!canAccess(user, ticket.creator_email)) throw new HttpError(403, m.ticketForbidden);
    res.json(toTicketJson(ticket));
  });

  routes.add('PUT', '/api/tickets/:ticket_id', async (req, res) => {
    const raw = readJsonBody(req);
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const body = check.body(raw, updateRules);
    check.done();
    const ticket = findTicket(req.params.ticket_id as string);
    if (!canAccess(user, ticket.creator_email)) throw new HttpError(403, m.ticketUpdateForbidden);
    if (ticket.status !== 'pending') throw new HttpError(400, m.ticketAlreadyReplied);
    // null means "leave as is" here: title and content cannot be cleared.
    const title = body.title ?? undefined;
    const content = body.content ?? undefined;
    if (title === undefined && content === undefined) throw new HttpError(400, m.noFieldsToUpdate);
    if (typeof title === 'string') ticket.title = title;
    if (typeof content === 'string') ticket.content = content;
    ticket.updated_at = clock.now();
    res.json(toTicketJson(ticket));
  });

  routes.add('DELETE', '/api/tickets/:ticket_id', async (req, res) => {
    const user = await tokens.authenticate(req);
    const ticket = findTicket(req.params.ticket_id as string);
    if (!canAccess(user, ticket.creator_email)) throw new HttpError(403, m.ticketDeleteForbidden);
    state.tickets.splice(state.tickets.indexOf(ticket), 1);
    res.status(204).end();
  });
}
