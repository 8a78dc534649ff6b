import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/logger.js';
import { TesseraError } from '../../src/errors.js';
import { VendorHttp } from '../../src/vendors/shared/VendorHttp.js';

describe('VendorHttp failures that are not the vendor’s', () => {
  it('reports a request body that cannot be serialised as an unexpected error, never as an unreachable vendor', async () => {
    const lines: string[] = [];
    const http = new VendorHttp({ source: 'THINGSCLOUD', baseUrl: 'http://127.0.0.1:9', timeoutMs: 1000, logger: createLogger('debug', { write: (line: string) => void lines.push(line) }) });
    const cyclic: Record<string, unknown> = { secret: 'device-token-123' };
    cyclic.self = cyclic;
    const failure = await http
      .send({ method: 'POST', path: '/api/v1/control/device/d1/attributes', json: cyclic, headers: { authorization: 'Bearer service-token-xyz' } })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(TesseraError); // so the error formatter masks it as "Unexpected error." and logs it
    expect((failure as Error).message).toBe('POST /api/v1/control/device/d1/attributes to THINGSCLOUD failed in the gateway before reaching the vendor');
    expect((failure as Error).cause).toBeInstanceOf(TypeError); // JSON.stringify's "circular structure"
    expect(JSON.stringify((failure as Error).cause)).not.toContain('service-token-xyz');
    expect(lines.join('\n')).not.toMatch(/upstream call failed|service-token-xyz/);
  });
});
