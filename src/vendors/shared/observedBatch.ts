import type { BatchLoadFn } from 'dataloader';

/** Told the size of every DataLoader batch of a request (the `tessera_loader_batch_keys` metric); `loader` is the loader's name. */
export type BatchObserver = (loader: string, keys: number) => void;

/** `batch`, telling `observe` how many keys each batch has before running it. */
export function observedBatch<K, V>(observe: BatchObserver, loader: string, batch: BatchLoadFn<K, V>): BatchLoadFn<K, V> {
  return (keys) => {
    observe(loader, keys.length);
    return batch(keys);
  };
}

/** For loaders built outside a request (unit tests): batches go unobserved. */
export const ignoreBatches: BatchObserver = () => {};
