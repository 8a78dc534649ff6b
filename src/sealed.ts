import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * What Tessera keeps where other processes can read it (Redis: shared vendor tokens, cached
 * vendor answers) is sealed with AES-256-GCM under a key derived from the credentials it
 * belongs to, so the store alone never yields a token or a caller's data. Layout: IV (12
 * bytes), tag (16), ciphertext. `boundTo` (associated data, e.g. the value's key) makes a value
 * moved to another key fail to open.
 */
export function seal(plaintext: string, secret: Buffer, boundTo?: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret, iv);
  if (boundTo !== undefined) cipher.setAAD(Buffer.from(boundTo));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

/** The plaintext, or undefined for a value that does not open (sealed under other credentials or another key, tampered with). */
export function unseal(value: Buffer, secret: Buffer, boundTo?: string): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret, value.subarray(0, 12));
    if (boundTo !== undefined) decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(value.subarray(12, 28));
    return Buffer.concat([decipher.update(value.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
