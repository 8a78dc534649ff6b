import { LRUCache } from 'lru-cache';
import type { CachedAnswer, CacheStore } from './CacheStore.js';

/** Scopes whose generation is remembered; past this, the least recently used are forgotten (their answers then stop counting). */
const MAX_SCOPES = 100_000;

/**
 * One process's cache: answers in an LRU bounded by their bodies' size, generations in an LRU
 * that outlives every answer (`generationTtlMs`). Generations are a process-wide counter, never reused.
 */
export function createMemoryCacheStore({ maxBytes, generationTtlMs }: { maxBytes: number; generationTtlMs: number }): CacheStore {
  const answers = new LRUCache<string, CachedAnswer>({ maxSize: maxBytes, sizeCalculation: (answer) => answer.body.length + 128 });
  const generations = new LRUCache<string, string>({ max: MAX_SCOPES, ttl: generationTtlMs });
  let counter = 0;
  const newGeneration = (scope: string) => {
    const generation = String((counter += 1));
    generations.set(scope, generation);
    return generation;
  };

  return {
    async lookup({ scope, entry }) {
      const generation = generations.get(scope);
      if (generation === undefined) return { generation: newGeneration(scope), answer: undefined };
      const answer = answers.get(entry);
      return { generation, answer: answer?.generation === generation ? answer : undefined };
    },
    async save({ scope, entry }, answer, lifetimeMs) {
      // Written meanwhile: the answer may predate the write.
      if (generations.get(scope) !== answer.generation) return;
      // Renewed, so that the generation outlives the answer.
      generations.set(scope, answer.generation);
      answers.set(entry, answer, { ttl: lifetimeMs });
    },
    async invalidate(scope) {
      newGeneration(scope);
    },
  };
}
