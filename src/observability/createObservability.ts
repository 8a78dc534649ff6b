import type { ApolloServerPlugin } from '@apollo/server';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { RequestHandler } from 'express';
import type { Context } from '../context.js';
import type { VendorCallObserver } from '../vendors/shared/VendorCallObserver.js';
import { createMetrics, type Metrics, type ShedStats } from './metrics.js';
import { createTelemetryPlugin } from './createTelemetryPlugin.js';
import { createTracing, type TracingConfig } from './tracing.js';
import { createVendorCallObserver } from './createVendorCallObserver.js';

export interface ObservabilityConfig {
  /** Serve Prometheus metrics at `/metrics` (`TESSERA_METRICS`). */
  metrics: boolean;
  tracing: TracingConfig;
}

export interface Observability {
  /** Undefined when `TESSERA_METRICS=false`. */
  readonly metrics: Metrics | undefined;
  /** For `VendorHttp`; undefined when neither metrics nor tracing is on. */
  readonly vendorCallObserver: VendorCallObserver | undefined;
  readonly plugin: ApolloServerPlugin<Context>;
  /** The `/metrics` route; undefined when metrics are off. */
  readonly metricsHandler: RequestHandler | undefined;
  /** Flushes buffered spans. */
  shutdown(): Promise<void>;
}

/** The server's metrics registry and tracer, built once by `createServer` and passed to whatever reports to them. */
export function createObservability(config: ObservabilityConfig, { shedStats, spanExporter }: { shedStats: ShedStats; spanExporter?: SpanExporter }): Observability {
  const metrics = config.metrics ? createMetrics({ shedStats }) : undefined;
  const tracing = createTracing(config.tracing, spanExporter);
  const telemetry = { metrics, tracer: tracing.tracer };
  return {
    metrics,
    vendorCallObserver: createVendorCallObserver(telemetry),
    plugin: createTelemetryPlugin(telemetry),
    metricsHandler:
      metrics &&
      (async (_req, res) => {
        res.set('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
      }),
    shutdown: () => tracing.shutdown(),
  };
}
