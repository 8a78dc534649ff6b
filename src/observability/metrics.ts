import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the load shedder knows: requests in flight now, and refused since start. */
export type ShedStats = () => { inFlight: number; shed: number };

/** How a GraphQL request ended: no errors, data with errors, or errors and no data. */
export type GraphQLOutcome = 'ok' | 'partial' | 'failed';

/**
 * The gateway's Prometheus metrics, in a registry of its own (one per server, so tests and
 * several servers in one process never share counts). README "Metrics and traces" lists them.
 */
export interface Metrics {
  readonly registry: Registry;
  vendorCallSeconds: Histogram<'vendor' | 'method' | 'route' | 'outcome'>;
  vendorCalls: Counter<'vendor' | 'code'>;
  graphqlRequests: Counter<'outcome'>;
  graphqlRequestSeconds: Histogram<'outcome'>;
  vendorCallsPerRequest: Histogram;
  apqLookups: Counter<'result'>;
  loaderBatchSize: Histogram<'vendor' | 'loader'>;
}

export function createMetrics({ shedStats }: { shedStats: ShedStats }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  // In flight and shed are the shedder's own counts, read at scrape time: nothing to keep in step.
  new Gauge({
    name: 'tessera_graphql_requests_in_flight',
    help: 'GraphQL requests being served now.',
    registers,
    collect() {
      this.set(shedStats().inFlight);
    },
  });
  new Counter({
    name: 'tessera_shed_total',
    help: 'GraphQL requests refused with 503 because the gateway was overloaded.',
    registers,
    collect() {
      this.reset();
      this.inc(shedStats().shed);
    },
  });
  return {
    registry,
    vendorCallSeconds: new Histogram({
      name: 'tessera_vendor_call_seconds',
      help: 'Vendor HTTP calls by vendor, method, route template and outcome, in seconds (retries included).',
      labelNames: ['vendor', 'method', 'route', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    vendorCalls: new Counter({
      name: 'tessera_vendor_calls_total',
      help: 'Vendor HTTP calls by vendor and code: the HTTP status, or the Tessera error code when no answer came.',
      labelNames: ['vendor', 'code'],
      registers,
    }),
    graphqlRequests: new Counter({
      name: 'tessera_graphql_requests_total',
      help: 'GraphQL requests answered, by outcome (ok, partial: data with errors, failed: no data).',
      labelNames: ['outcome'],
      registers,
    }),
    graphqlRequestSeconds: new Histogram({
      name: 'tessera_graphql_request_seconds',
      help: 'GraphQL request duration by outcome, in seconds.',
      labelNames: ['outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    vendorCallsPerRequest: new Histogram({
      name: 'tessera_vendor_calls_per_request',
      help: 'Vendor calls one GraphQL request made (its TESSERA_MAX_VENDOR_CALLS count).',
      buckets: [0, 1, 2, 5, 10, 20, 50, 100, 300],
      registers,
    }),
    loaderBatchSize: new Histogram({
      name: 'tessera_loader_batch_keys',
      help: 'Keys per DataLoader batch (distinct records one tick of a request asked for), by vendor and loader.',
      labelNames: ['vendor', 'loader'],
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers,
    }),
    apqLookups: new Counter({
      name: 'tessera_apq_lookups_total',
      help: 'Automatic persisted query lookups by hash: hit (text known) or miss.',
      labelNames: ['result'],
      registers,
    }),
  };
}
