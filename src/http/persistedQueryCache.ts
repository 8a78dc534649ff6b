import type { PersistedQueryOptions } from '@apollo/server';
import { LRUCache } from 'lru-cache';

/** The store Apollo Server keeps persisted queries in: hash → query text. */
export type PersistedQueryStore = NonNullable<PersistedQueryOptions['cache']>;

/**
 * Automatic persisted queries (APQ), stated rather than left to Apollo's default: the queries
 * clients register live in this process's memory, at most `maxBytes` of them (least recently
 * used go first), and never expire by time, since a hash always names the same text. Each
 * replica learns a hash on its own (one extra round trip per replica and query, which APQ
 * clients handle); a shared store would only save that. `lookups` counts hits and misses
 * (`tessera_apq_lookups_total`).
 */
export function createPersistedQueryOptions(maxBytes: number, lookups?: { inc(labels: { result: 'hit' | 'miss' }): void }): PersistedQueryOptions {
  const entries = new LRUCache<string, string>({
    maxSize: maxBytes,
    // JavaScript strings are UTF-16: two bytes a code unit is close enough for a bound.
    sizeCalculation: (text, key) => 2 * (text.length + key.length),
  });
  const cache: PersistedQueryStore = {
    async get(key) {
      const text = entries.get(key);
      lookups?.inc({ result: text === undefined ? 'miss' : 'hit' });
      return text;
    },
    async set(key, text) {
      entries.set(key, text);
    },
    async delete(key) {
      return entries.delete(key);
    },
  };
  return { cache, ttl: null };
}
