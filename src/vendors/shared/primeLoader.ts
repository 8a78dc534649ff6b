import type DataLoader from 'dataloader';

/** A record as a by-ID loader holds it. */
interface Keyed {
  nativeId: string;
}

/**
 * Maps a list page and primes the by-ID loader with every record in it, so that following a
 * listed record (`node`, a relation) costs no call.
 */
export function primedPage<Raw, Model extends Keyed, P extends { items: Raw[] }>(
  page: P,
  map: (raw: Raw) => Model,
  loader: DataLoader<string, Model | null>,
): Omit<P, 'items'> & { items: Model[] } {
  const items = page.items.map(map);
  for (const item of items) loader.prime(item.nativeId, item);
  return { ...page, items };
}

/** Puts a record a write returned into the by-ID loader, replacing what the request read before. */
export function replaceInLoader<Model extends Keyed>(model: Model, loader: DataLoader<string, Model | null>): Model {
  loader.clear(model.nativeId).prime(model.nativeId, model);
  return model;
}
