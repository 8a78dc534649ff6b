import { hashUnit } from './attributeSeries.js';

/** A deterministic 24-hex-digit id in the style of the vendor's ids (MongoDB ObjectIds), derived from `parts`. */
export function objectId(...parts: Array<string | number>): string {
  return [0, 1, 2].map((i) => Math.floor(hashUnit(...parts, i) * 2 ** 32).toString(16).padStart(8, '0')).join('');
}
