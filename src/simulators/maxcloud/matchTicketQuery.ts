import type { MaxCloudTicket } from './MaxCloudRecords.js';
import { TICKET_QUERY_FIELDS, type TicketQuery } from './parseTicketQuery.js';

/** Case folding for ASCII letters only: e-mails, states and tags are ASCII; Chinese has no case. */
function fold(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Whether a ticket satisfies a parsed query. Values are literal: nothing in a value is read as syntax. */
export function matchesTicketQuery(query: TicketQuery, ticket: MaxCloudTicket): boolean {
  switch (query.kind) {
    case 'all':
      return true;
    case 'and':
      return query.children.every((child) => matchesTicketQuery(child, ticket));
    case 'or':
      return query.children.some((child) => matchesTicketQuery(child, ticket));
    case 'text': {
      const needle = fold(query.text);
      return fold(ticket.subject).includes(needle) || fold(ticket.content).includes(needle);
    }
    case 'field': {
      const kind = TICKET_QUERY_FIELDS[query.field];
      const actual = ticket[query.field];
      if (kind === 'integer') return actual === Number(query.value);
      const wanted = fold(query.value);
      if (kind === 'keywords') return Array.isArray(actual) && actual.some((v) => fold(v) === wanted);
      return typeof actual === 'string' && fold(actual) === wanted;
    }
  }
}
