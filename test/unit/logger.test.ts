import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/logger.js';
import { vendors } from '../../src/vendors/index.js';

describe('the process logger', () => {
  it('redacts every registered vendor’s credential headers and the API key should a request object be logged', () => {
    const headerNames = [...vendors.flatMap((vendor) => Object.keys(vendor.credentialHeaders)), 'authorization', 'x-api-key'];
    expect(headerNames.length).toBeGreaterThan(4);
    const headers = Object.fromEntries(headerNames.map((name, i) => [name, `secret-value-${i}`]));
    const lines: string[] = [];
    createLogger('info', { write: (line: string) => void lines.push(line) }).info({ req: { headers } }, 'incoming');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/secret-value/);
    for (const name of headerNames) expect(JSON.parse(lines[0]!).req.headers[name]).toBe('[redacted]');
  });
});
