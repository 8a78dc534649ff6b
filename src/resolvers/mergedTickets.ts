import { locatedError, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { mergeTicketFeeds, type TicketQuery } from '../mergeTicketFeeds.js';
import type { Source, TicketModel } from '../models.js';
import { checkedFirst, type ConnectionArgs } from '../pagination.js';

/** Page sizes of merged ticket lists: each vendor's share of a page must fit in one vendor call. */
export const MERGED_TICKET_LIMITS = { defaultFirst: 20, maxFirst: 100 } as const;

/**
 * One page of tickets from every ticket vendor (or those `sources` names), merged newest first.
 * A vendor that fails is left out with its error added to the response, at this field's path.
 */
export async function mergedTickets(ctx: Context, info: GraphQLResolveInfo, args: ConnectionArgs & { sources?: readonly Source[] | null }, query: TicketQuery) {
  const first = checkedFirst(args.first, MERGED_TICKET_LIMITS);
  const feeds = ctx.ticketFeeds().filter(({ source }) => !args.sources || args.sources.includes(source));
  const page = await mergeTicketFeeds(feeds, first, args.after, query);
  for (const { error } of page.failures) ctx.partialErrors.push(locatedError(error, info.fieldNodes, responsePathAsArray(info.path)));
  const nodes: TicketModel[] = page.edges.map((edge) => edge.node);
  return {
    edges: page.edges,
    nodes,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(args.after),
      startCursor: page.edges[0]?.cursor ?? null,
      endCursor: feeds.length > 0 ? page.endCursor : null,
    },
    totalCount: page.totalCount,
    missingSources: page.failures.map((failure) => failure.source),
  };
}
