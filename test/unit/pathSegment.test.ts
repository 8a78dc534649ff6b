import { describe, expect, it } from '@jest/globals';
import { pathSegment } from '../../src/vendors/shared/pathSegment.js';

describe('pathSegment', () => {
  it('keeps an ID one path segment, whatever it contains', () => {
    expect(pathSegment('a/b?x=1#y')).toBe('a%2Fb%3Fx%3D1%23y');
    expect(pathSegment('../customers')).toBe('..%2Fcustomers');
    expect(new URL(`http://v.example/api/tickets/${pathSegment('../customers')}`).pathname).toBe('/api/tickets/..%2Fcustomers');
  });

  it.each(['', ' ', '.', '..', 'a\nb'])('refuses %j', (value) => {
    expect(() => pathSegment(value)).toThrow(/Invalid/);
  });
});
