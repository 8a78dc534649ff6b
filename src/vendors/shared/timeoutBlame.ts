/**
 * A timed-out call's timer fired this share of its time limit late, or more: the gateway's own
 * event loop was stalled when the time ran out, and an answer that came in meanwhile was never
 * read (timers run before sockets are read in each turn of the loop). The vendor may well have
 * answered in time, so the timeout is the gateway's.
 */
export const GATEWAY_LATE_SHARE = 0.25;
/** Lateness under this is a garbage collection or a busy moment, not overload, whatever the time limit. */
export const GATEWAY_LATE_FLOOR_MS = 250;

/**
 * Who a timed-out vendor call is blamed on, by how late its timer fired. A stall earlier in the
 * call does not count: once the loop was free again it read whatever had arrived, before the
 * timer could fire.
 */
export function timeoutBlame(timeoutMs: number, timerLateMs: number): 'vendor' | 'gateway' {
  return timerLateMs >= Math.max(timeoutMs * GATEWAY_LATE_SHARE, GATEWAY_LATE_FLOOR_MS) ? 'gateway' : 'vendor';
}
