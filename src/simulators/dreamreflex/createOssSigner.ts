import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../kit/index.js';

/** Presigned download URLs stay valid for an hour. */
export const downloadUrlLifetimeSeconds = 3600;

const bucket = 'dreamreflex-csa';
const endpoint = 'oss-cn-hangzhou.aliyuncs.com';

/**
 * Signs download URLs the way Aliyun OSS (signature v1) does: `Expires` in epoch
 * seconds and an HMAC-SHA1 `Signature` over the verb, expiry and object path, with a
 * key pair that exists only in this simulator instance.
 */
export function createOssSigner(clock: Clock): (ossKey: string) => string {
  const accessKeyId = `LTAI5t${randomBytes(9).toString('hex')}`;
  const accessKeySecret = randomBytes(20).toString('base64');
  return (ossKey) => {
    const expires = Math.floor(clock.now() / 1000) + downloadUrlLifetimeSeconds;
    const signature = createHmac('sha1', accessKeySecret).update(`GET\n\n\n${expires}\n/${bucket}/${ossKey}`).digest('base64');
    const path = ossKey.split('/').map(encodeURIComponent).join('/');
    const query = new URLSearchParams({ OSSAccessKeyId: accessKeyId, Expires: String(expires), Signature: signature });
    return `https://${bucket}.${endpoint}/${path}?${query.toString()}`;
  };
}
