/** A page of a list the vendor's way: the total of all matches, and the slice asked for, newest first. */
export function paginate<T extends { created_at: number }, J>(matches: readonly T[], skip: number, limit: number, toJson: (record: T) => J): { total: number; items: J[] } {
  // Array sort is stable: records created in the same millisecond keep insertion order.
  const sorted = [...matches].sort((a, b) => b.created_at - a.created_at);
  return { total: matches.length, items: sorted.slice(skip, skip + limit).map(toJson) };
}
