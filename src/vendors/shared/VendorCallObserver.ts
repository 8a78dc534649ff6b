import type { Method } from 'got';
import type { Source } from '../../models.js';

/** How a vendor call ended: the vendor's HTTP status, or the error `VendorHttp` threw (already mapped to a Tessera error where it could be). */
export type VendorCallEnd = { status: number } | { error: unknown };

/**
 * Watches every call `VendorHttp` makes (metrics, traces) without the vendor layer knowing what
 * watches it. `start` is called as the call starts; the function it returns is called once, with
 * how the call ended. The path given is the real one (IDs filled in, no query string): an observer
 * that labels by it must reduce it to a template.
 */
export interface VendorCallObserver {
  start(call: { source: Source; method: Method; path: string }): (end: VendorCallEnd) => void;
}
