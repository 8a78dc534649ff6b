/**
 * How a request reads devices, in the list's shape, that no list it read so far has returned.
 * ThingsCloud has no bulk read: either one `GET /device/:id` per device, or the pages of
 * `GET /devices` (at most `pageSize` devices each), which hold every device of the project.
 *
 * The rule, which never probes with a call the chosen plan would not make:
 * - Project total known (an unfiltered list page or `devices_stat` this request already read):
 *   the list's pages not yet read when they are fewer than the devices wanted, else one read
 *   per device (on a tie the single read wins: it carries the groups too).
 * - Total unknown, two or more devices wanted: the first page, which tells the total and may
 *   already hold some of them; the rule is then applied again to the rest. Worst case (none of
 *   them on page 1, more pages than devices) one call more than reading them one by one, and
 *   one more wave of vendor latency; whenever page 1 holds any of them, never more calls. (A
 *   first page already in flight is not read again: the caller shares identical reads.)
 * - One device wanted, total unknown: its single read.
 */
export type DeviceReadPlan = { read: 'byId' } | { read: 'firstPage' } | { read: 'pages'; pages: number[] };

export interface DeviceReadState {
  /** Distinct devices still wanted. */
  wanted: number;
  /** Devices in the project, when a read of this request has told it. */
  total: number | null;
  /** `page_records` of a full list page. */
  pageSize: number;
  /** Full-size pages this request has read or is reading. */
  pagesRead: ReadonlySet<number>;
}

export function planDeviceReads({ wanted, total, pageSize, pagesRead }: DeviceReadState): DeviceReadPlan {
  if (wanted === 0) return { read: 'byId' };
  if (total === null) return wanted >= 2 ? { read: 'firstPage' } : { read: 'byId' };
  const pages: number[] = [];
  for (let page = 1; page <= Math.ceil(total / pageSize); page++) if (!pagesRead.has(page)) pages.push(page);
  return pages.length > 0 && pages.length < wanted ? { read: 'pages', pages } : { read: 'byId' };
}
