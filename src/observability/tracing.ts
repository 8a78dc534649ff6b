import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';

export interface TracingConfig {
  /** Where spans go (OTLP over HTTP, `…/v1/traces`); undefined: tracing is off. */
  otlpTracesUrl: string | undefined;
  serviceName: string;
}

export interface Tracing {
  /** Undefined when tracing is off: callers then create no spans at all. */
  readonly tracer: Tracer | undefined;
  /** Sends the spans still buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * The server's tracer. The provider is this server's own, never registered globally: spans are
 * parented explicitly (the operation's span travels with the request, see `requestTrace.ts`), so
 * no global context manager is needed and two servers in one process never mix their spans.
 * `exporter` is for tests (an `InMemorySpanExporter`); production reads the configuration.
 */
export function createTracing(config: TracingConfig, exporter?: SpanExporter): Tracing {
  const processor = exporter
    ? new SimpleSpanProcessor(exporter)
    : config.otlpTracesUrl
      ? new BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlpTracesUrl }))
      : undefined;
  if (!processor) return { tracer: undefined, shutdown: async () => {} };
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [processor],
  });
  return { tracer: provider.getTracer('tessera'), shutdown: () => provider.shutdown() };
}
