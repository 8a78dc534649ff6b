/** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
const UUID_EPOCH_OFFSET = 0x01b21dd213814000n;
/** Node and clock-sequence fields of the doc's example ids (`…11e9a58410e7c61c70fc`). */
const CLOCK_SEQ = 'a584';
const NODE = '10e7c61c70fc';

/**
 * Team ids are version-1 UUIDs without dashes (the doc's `17bc1d68daae11e9a58410e7c61c70fc`
 * decodes to 2019-09-19). `tick` (0–9999) separates ids minted in the same millisecond.
 */
export function teamIdAt(ms: number, tick: number): string {
  const t = BigInt(Math.trunc(ms)) * 10_000n + BigInt(tick % 10_000) + UUID_EPOCH_OFFSET;
  const timeLow = (t & 0xffffffffn).toString(16).padStart(8, '0');
  const timeMid = ((t >> 32n) & 0xffffn).toString(16).padStart(4, '0');
  const timeHi = (((t >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0');
  return `${timeLow}${timeMid}${timeHi}${CLOCK_SEQ}${NODE}`;
}
