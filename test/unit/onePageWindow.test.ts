import { describe, expect, it } from '@jest/globals';
import { onePageWindow } from '../../src/vendors/shared/onePageWindow.js';

/** The records a window reads, as [first, last] positions. */
function covered(window: { page: number; pageSize: number; skip: number }): [number, number] {
  const start = (window.page - 1) * window.pageSize;
  return [start, start + window.pageSize - 1];
}

describe('onePageWindow', () => {
  it('reads an aligned slice as the page of its own size', () => {
    expect(onePageWindow(0, 20, 100)).toEqual({ page: 1, pageSize: 20, skip: 0 });
    expect(onePageWindow(40, 20, 100)).toEqual({ page: 3, pageSize: 20, skip: 0 });
  });

  it('picks the smallest page size that holds an unaligned slice whole', () => {
    // 20 would split 35–54 over pages 2 and 3; 21 puts 21–41 on page 2, still splitting; 28 holds 28–55.
    const window = onePageWindow(35, 20, 100)!;
    expect(window).toEqual({ page: 2, pageSize: 28, skip: 7 });
    for (let size = 20; size < window.pageSize; size++) expect(Math.floor(35 / size)).not.toBe(Math.floor(54 / size));
  });

  it('always covers exactly the asked records, from the right position, within the maximum', () => {
    const wrong: string[] = [];
    for (let offset = 0; offset < 400; offset++) {
      for (let limit = 1; limit <= 25; limit++) {
        const window = onePageWindow(offset, limit, 50);
        if (window === null) continue;
        const [first, last] = covered(window);
        const right = first + window.skip === offset && offset + limit - 1 <= last && window.pageSize >= limit && window.pageSize <= 50;
        if (!right) wrong.push(`${offset}+${limit}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('finds a window for every offset a caller reaches when the limit is at most half the maximum', () => {
    const missing: string[] = [];
    for (let offset = 0; offset < 20_000; offset++) {
      for (const limit of [1, 7, 20, 33, 49, 50]) if (onePageWindow(offset, limit, 100) === null) missing.push(`${offset}+${limit}`);
    }
    expect(missing).toEqual([]);
  });

  it('says when no single page can hold the slice', () => {
    // Any page of 100 that holds record 50 ends at 99; no larger page is allowed.
    expect(onePageWindow(50, 100, 100)).toBeNull();
    // Small maxima run out early: 68–72 splits under every size from 5 to 10.
    expect(onePageWindow(68, 5, 10)).toBeNull();
  });

  it('reads a limit of 0 as the page that holds the offset (for the total)', () => {
    expect(onePageWindow(7, 0, 100)).toEqual({ page: 8, pageSize: 1, skip: 0 });
  });

  it('refuses arguments outside its domain', () => {
    expect(() => onePageWindow(-1, 10, 100)).toThrow(RangeError);
    expect(() => onePageWindow(0, 101, 100)).toThrow(RangeError);
    expect(() => onePageWindow(0, 1.5, 100)).toThrow(RangeError);
    expect(() => onePageWindow(0, 1, 0)).toThrow(RangeError);
  });
});
