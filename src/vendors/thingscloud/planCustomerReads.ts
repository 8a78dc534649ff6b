/**
 * How a request reads the customers of several devices. Either one `GET /device/:id/customers`
 * per device, or the customer list (one call, which says how many devices each customer has)
 * and then each customer's devices (`GET /customer/:id/devices`, `ceil(count / pageSize)` pages;
 * none for a customer without devices), which together say every device's customers.
 *
 * The rule, which never probes with a call the chosen plan would not make:
 * - Counts known (the customer list this request already read): per customer when its pages
 *   are fewer than the devices, else per device (a tie goes to per device: fewer waves).
 * - Counts unknown, two or more devices: the customer list first (the per-customer plan needs
 *   it anyway), then the rule above. Worst case one call more than per device, and one more
 *   wave of vendor latency.
 * - One device, counts unknown: its own call.
 */
export type CustomerReadPlan = { read: 'byDevice' } | { read: 'customerList' } | { read: 'byCustomer'; pages: number };

export interface CustomerReadState {
  /** Distinct devices whose customers are wanted. */
  devices: number;
  /** Each customer's device count from the customer list; null when the list is not read (or a count is missing). */
  deviceCounts: readonly (number | null)[] | null;
  /** `page_records` of a full page of a customer's devices. */
  pageSize: number;
}

export function planCustomerReads({ devices, deviceCounts, pageSize }: CustomerReadState): CustomerReadPlan {
  if (devices === 0) return { read: 'byDevice' };
  if (deviceCounts === null) return devices >= 2 ? { read: 'customerList' } : { read: 'byDevice' };
  let pages = 0;
  for (const count of deviceCounts) {
    if (count === null) return { read: 'byDevice' };
    pages += Math.ceil(count / pageSize);
  }
  return pages < devices ? { read: 'byCustomer', pages } : { read: 'byDevice' };
}
