import { describe, expect, it } from '@jest/globals';
import { ErrorCode, TesseraError } from '../../src/errors.js';
import { expectGlobalId, fromGlobalId, toGlobalId } from '../../src/globalId.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof TesseraError ? error.code : 'not a TesseraError';
  }
  return undefined;
}

describe('global IDs', () => {
  it('round-trips type, vendor and native ID, opaquely', () => {
    const id = toGlobalId('DreamreflexTicket', 'DREAMREFLEX', '507f1f77bcf86cd799439012');
    expect(id).not.toContain('507f');
    expect(fromGlobalId(id)).toEqual({ type: 'DreamreflexTicket', source: 'DREAMREFLEX', nativeId: '507f1f77bcf86cd799439012' });
  });

  it('keeps native IDs that contain the separator', () => {
    expect(fromGlobalId(toGlobalId('Project', 'DREAMREFLEX', 'a:b:c')).nativeId).toBe('a:b:c');
  });

  it.each(['', 'not base64!', Buffer.from('spaceship:DREAMREFLEX:1').toString('base64url'), Buffer.from('Project:ACME:1').toString('base64url'), Buffer.from('Project:DREAMREFLEX:').toString('base64url')])(
    'rejects %j as BAD_USER_INPUT',
    (id) => {
      expect(codeOf(() => fromGlobalId(id))).toBe(ErrorCode.BAD_USER_INPUT);
    },
  );

  it('rejects an ID of the wrong type for the field', () => {
    const contractId = toGlobalId('Contract', 'DREAMREFLEX', '507f1f77bcf86cd799439030');
    expect(codeOf(() => expectGlobalId(contractId, 'DreamreflexTicket'))).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
