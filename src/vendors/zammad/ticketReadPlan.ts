import type { ZammadTicketNeeds } from '../../models.js';

/** A per-request list (one call, memoized) a ticket search reads alongside, in its own wave. */
export type ZammadTicketList = 'groups' | 'states' | 'priorities';

export interface ZammadTicketRead {
  /**
   * `expanded` (`expand=true`): every ticket names its group, state and priority; users and the
   * organization are read by ID afterwards, one call per distinct record. `assets` (no
   * `expand`): the answer's `assets` hold the tickets' users, the users' organizations and the
   * groups as whole records, but no states or priorities, whose names then come from the lists.
   */
  variant: 'expanded' | 'assets';
  /** The lists the query will read anyway, started with the search so they share its wave. */
  lists: ZammadTicketList[];
}

/**
 * The search with the fewest calls for what the query reads. The calls each costs beyond itself:
 *
 * |                         | expanded                       | assets                      |
 * |-------------------------|--------------------------------|-----------------------------|
 * | a person / organization | one per distinct one, after it | none                        |
 * | group beyond its name   | group list                     | none                        |
 * | state name              | none                           | state list                  |
 * | priority name           | none                           | priority list               |
 * | state / priority detail | state / priority list          | state / priority list       |
 *
 * So: `assets` when the query reads a person or the organization (at most the two lists, in
 * the search's own wave, against one read per distinct person after it: more calls as soon as
 * a page has two people, and always a wave more), or when it needs fewer lists that way (a
 * group's detail without state or priority names). Otherwise `expanded`: on a tie its answer is
 * the smaller one. `needs` unknown (the merged ticket feed, which is not told the selection):
 * `assets` without lists, since the merged fields most read are the people; a name then costs
 * its list once per request when asked for.
 */
export function planTicketRead(needs: ZammadTicketNeeds | undefined): ZammadTicketRead {
  if (!needs) return { variant: 'assets', lists: [] };
  const forAssets: ZammadTicketList[] = [
    ...(needs.stateName || needs.stateDetail ? (['states'] as const) : []),
    ...(needs.priorityName || needs.priorityDetail ? (['priorities'] as const) : []),
  ];
  const forExpanded: ZammadTicketList[] = [
    ...(needs.groupDetail ? (['groups'] as const) : []),
    ...(needs.stateDetail ? (['states'] as const) : []),
    ...(needs.priorityDetail ? (['priorities'] as const) : []),
  ];
  return needs.people || forAssets.length < forExpanded.length ? { variant: 'assets', lists: forAssets } : { variant: 'expanded', lists: forExpanded };
}
