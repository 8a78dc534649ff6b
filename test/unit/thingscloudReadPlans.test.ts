import { describe, expect, it } from '@jest/globals';
import { planCustomerReads } from '../../src/vendors/thingscloud/planCustomerReads.js';
import { planDeviceReads } from '../../src/vendors/thingscloud/planDeviceReads.js';

const none = new Set<number>();

describe('planDeviceReads', () => {
  it('reads one device by its single read when the total is unknown', () => {
    expect(planDeviceReads({ wanted: 1, total: null, pageSize: 100, pagesRead: none })).toEqual({ read: 'byId' });
  });

  it('reads the first page (which tells the total) for two or more devices when the total is unknown', () => {
    expect(planDeviceReads({ wanted: 2, total: null, pageSize: 100, pagesRead: none })).toEqual({ read: 'firstPage' });
  });

  it('reads the unread pages when they are fewer than the devices', () => {
    expect(planDeviceReads({ wanted: 29, total: 200, pageSize: 100, pagesRead: none })).toEqual({ read: 'pages', pages: [1, 2] });
    expect(planDeviceReads({ wanted: 9, total: 200, pageSize: 100, pagesRead: new Set([1]) })).toEqual({ read: 'pages', pages: [2] });
    expect(planDeviceReads({ wanted: 4, total: 301, pageSize: 100, pagesRead: new Set([2]) })).toEqual({ read: 'pages', pages: [1, 3, 4] });
  });

  it('reads devices one by one when that is no more calls (a tie goes to the single reads)', () => {
    expect(planDeviceReads({ wanted: 2, total: 200, pageSize: 100, pagesRead: none })).toEqual({ read: 'byId' });
    expect(planDeviceReads({ wanted: 1, total: 200, pageSize: 100, pagesRead: new Set([1]) })).toEqual({ read: 'byId' });
    expect(planDeviceReads({ wanted: 0, total: 200, pageSize: 100, pagesRead: none })).toEqual({ read: 'byId' });
  });

  it('falls back to single reads when every page was read and devices are still missing', () => {
    expect(planDeviceReads({ wanted: 3, total: 200, pageSize: 100, pagesRead: new Set([1, 2]) })).toEqual({ read: 'byId' });
  });
});

describe('planCustomerReads', () => {
  it('asks each device when there is one and the counts are unknown', () => {
    expect(planCustomerReads({ devices: 1, deviceCounts: null, pageSize: 100 })).toEqual({ read: 'byDevice' });
  });

  it('reads the customer list first for two or more devices when the counts are unknown', () => {
    expect(planCustomerReads({ devices: 100, deviceCounts: null, pageSize: 100 })).toEqual({ read: 'customerList' });
  });

  it('reads each customer’s devices (none for a customer without) when those pages are fewer than the devices', () => {
    expect(planCustomerReads({ devices: 100, deviceCounts: [3, 0, 250, 100], pageSize: 100 })).toEqual({ read: 'byCustomer', pages: 5 });
  });

  it('asks each device when that is no more calls, or when a count is missing', () => {
    expect(planCustomerReads({ devices: 5, deviceCounts: [3, 0, 250, 100], pageSize: 100 })).toEqual({ read: 'byDevice' });
    expect(planCustomerReads({ devices: 100, deviceCounts: [3, null], pageSize: 100 })).toEqual({ read: 'byDevice' });
  });
});
