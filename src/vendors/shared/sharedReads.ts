/**
 * Identical reads within one request, made once: the first caller's promise is handed to every
 * later caller with the same key, failures included (a read that failed is not retried within
 * the request). Keys name the call exactly (path and parameters); a source builds one per
 * request, so nothing is shared between callers.
 */
export interface SharedReads {
  <T>(key: string, read: () => Promise<T>): Promise<T>;
  /** Forgets every read, after a write that may have changed what they returned. */
  clear(): void;
}

export function createSharedReads(): SharedReads {
  const reads = new Map<string, Promise<unknown>>();
  const share = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let promise = reads.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = read();
      reads.set(key, promise);
    }
    return promise;
  };
  return Object.assign(share, { clear: () => reads.clear() });
}

/** A key for `SharedReads`: the path and its parameters in a stable order. */
export function readKey(path: string, params: Record<string, string | number | boolean | undefined> = {}): string {
  const query = Object.keys(params)
    .filter((name) => params[name] !== undefined)
    .sort()
    .map((name) => `${name}=${String(params[name])}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}
