import http from 'node:http';
import https from 'node:https';

/** The connection pools of one vendor's `got` instance (got's `agent` option). */
export interface VendorAgents {
  http: http.Agent;
  https: https.Agent;
}

/**
 * One keep-alive connection pool per vendor, shared by every request in the process and capped
 * at `maxSockets` connections: a burst of requests queues in the pool (the wait counts in the
 * call's timeout) instead of opening a connection per call. Node's default agent has no cap,
 * so a saturated gateway once had 1,600 connections open to one vendor.
 */
export function createVendorAgents(maxSockets: number): VendorAgents {
  const options = { keepAlive: true, maxSockets };
  return { http: new http.Agent(options), https: new https.Agent(options) };
}
