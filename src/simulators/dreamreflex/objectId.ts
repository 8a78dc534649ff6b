import { randomBytes, randomInt } from 'node:crypto';
import type { Clock } from '../kit/index.js';

/**
 * Record ids are MongoDB ObjectIds: 4 bytes of creation time in seconds, 5 bytes
 * fixed per process, a 3-byte counter, written as 24 lower-case hex digits.
 */
export function formatObjectId(createdAtMs: number, processHex: string, counter: number): string {
  const seconds = Math.floor(createdAtMs / 1000) >>> 0;
  return `${seconds.toString(16).padStart(8, '0')}${processHex}${(counter & 0xffffff).toString(16).padStart(6, '0')}`;
}

/** A generator of fresh ids dated by the simulator clock, unique to this simulator instance. */
export function createObjectIdGenerator(clock: Clock): () => string {
  const processHex = randomBytes(5).toString('hex');
  let counter = randomInt(0, 0xffffff);
  return () => {
    counter = (counter + 1) & 0xffffff;
    return formatObjectId(clock.now(), processHex, counter);
  };
}

/**
 * The vendor looks ids up as ObjectIds; anything that is not 24 hex digits finds
 * nothing (404). Upper-case hex is accepted and means the same id.
 */
export function parseObjectId(id: string): string | null {
  return /^[0-9a-f]{24}$/i.test(id) ? id.toLowerCase() : null;
}
