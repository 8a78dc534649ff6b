import { describe, expect, it } from '@jest/globals';
import { localTimeMillis } from '../../src/vendors/shared/localTimeMillis.js';

describe('localTimeMillis', () => {
  it('reads a zone-less wall-clock time at a fixed offset', () => {
    expect(new Date(localTimeMillis('2019-09-19 15:21:26', 480)).toISOString()).toBe('2019-09-19T07:21:26.000Z');
    expect(new Date(localTimeMillis('2019-09-19T15:21:26.5', 480)).toISOString()).toBe('2019-09-19T07:21:26.500Z');
    expect(new Date(localTimeMillis('2024-03-01 00:30:00', -300)).toISOString()).toBe('2024-03-01T05:30:00.000Z');
  });

  it('honours a zone the value carries', () => {
    expect(new Date(localTimeMillis('2019-09-19T07:21:26Z', 480)).toISOString()).toBe('2019-09-19T07:21:26.000Z');
  });

  it('is NaN for impossible or unreadable values', () => {
    expect(localTimeMillis('2019-02-30 10:00:00', 480)).toBeNaN();
    expect(localTimeMillis('2019-09-19 24:00:00', 480)).toBeNaN();
    expect(localTimeMillis('19/09/2019', 480)).toBeNaN();
  });
});
