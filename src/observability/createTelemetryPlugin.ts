import type { ApolloServerPlugin } from '@apollo/server';
import { SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { Context } from '../context.js';
import type { GraphQLOutcome, Metrics } from './metrics.js';

/**
 * One span per GraphQL operation (named after the operation; the vendor calls it makes are its
 * children) and the request metrics: count and duration by outcome, vendor calls per request.
 */
export function createTelemetryPlugin({ metrics, tracer }: { metrics?: Metrics; tracer?: Tracer }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      const span = tracer?.startSpan('graphql', { kind: SpanKind.SERVER, attributes: { 'tessera.request_id': contextValue.trace.requestId } });
      // The vendor calls find it here (they run in the request's trace scope, see requestTrace.ts).
      contextValue.trace.span = span;
      return {
        async didResolveOperation({ operationName, operation }) {
          const type = operation?.operation ?? 'query';
          span?.updateName(operationName ?? `anonymous ${type}`);
          span?.setAttributes({ 'graphql.operation.type': type, ...(operationName && { 'graphql.operation.name': operationName }) });
        },
        async willSendResponse({ response, errors }) {
          const hasData = response.body.kind === 'single' ? response.body.singleResult.data != null : true;
          const hasErrors = (errors?.length ?? 0) > 0 || contextValue.partialErrors.length > 0;
          const outcome: GraphQLOutcome = !hasErrors ? 'ok' : hasData ? 'partial' : 'failed';
          if (metrics) {
            metrics.graphqlRequests.inc({ outcome });
            metrics.graphqlRequestSeconds.observe({ outcome }, (performance.now() - started) / 1000);
            metrics.vendorCallsPerRequest.observe(contextValue.vendorCalls.used);
          }
          if (span) {
            span.setAttributes({ 'tessera.outcome': outcome, 'tessera.vendor_calls': contextValue.vendorCalls.used });
            if (outcome === 'failed') span.setStatus({ code: SpanStatusCode.ERROR });
            span.end();
          }
        },
      };
    },
  };
}
