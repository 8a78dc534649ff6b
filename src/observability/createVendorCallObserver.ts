import { SpanKind, SpanStatusCode, trace, ROOT_CONTEXT, type Tracer } from '@opentelemetry/api';
import { TesseraError } from '../errors.js';
import type { VendorCallEnd, VendorCallObserver } from '../vendors/shared/VendorCallObserver.js';
import type { Metrics } from './metrics.js';
import { currentRequestTrace } from './requestTrace.js';
import { createRouteLabels } from './routeTemplate.js';

/** Outcome labels of the Tessera errors `VendorHttp` throws when no usable answer came. */
const OUTCOME_BY_ERROR_CODE: Record<string, string> = {
  UPSTREAM_TIMEOUT: 'timeout',
  UPSTREAM_UNAVAILABLE: 'unreachable',
  UPSTREAM_OUTCOME_UNKNOWN: 'outcome_unknown',
  REQUEST_CANCELLED: 'cancelled',
  OVERLOADED: 'gateway_stalled',
};

/**
 * Times, counts and traces every vendor call: `tessera_vendor_call_seconds`, `tessera_vendor_calls_total`,
 * and a client span under the operation's span. Labels and attributes carry the route template,
 * never the URL (IDs, query strings), headers or bodies.
 */
export function createVendorCallObserver({ metrics, tracer }: { metrics?: Metrics; tracer?: Tracer }): VendorCallObserver | undefined {
  if (!metrics && !tracer) return undefined;
  const routeOf = createRouteLabels();
  return {
    start({ source, method, path }) {
      const vendor = source.toLowerCase();
      const route = routeOf(vendor, method, path);
      const started = performance.now();
      const request = currentRequestTrace();
      const span = tracer?.startSpan(
        `${method} ${vendor} ${route}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'tessera.vendor': vendor,
            'http.request.method': method,
            'http.route': route,
            ...(request && { 'tessera.request_id': request.requestId }),
          },
        },
        request?.span ? trace.setSpan(ROOT_CONTEXT, request.span) : ROOT_CONTEXT,
      );
      return (end) => {
        const { code, outcome } = describe(end);
        metrics?.vendorCallSeconds.observe({ vendor, method, route, outcome }, (performance.now() - started) / 1000);
        metrics?.vendorCalls.inc({ vendor, code });
        if (span) {
          span.setAttributes({ 'tessera.outcome': outcome, ...('status' in end ? { 'http.response.status_code': end.status } : { 'error.type': code }) });
          if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        }
      };
    },
  };
}

/** `code`: the HTTP status, or the Tessera error code (`UNEXPECTED` for a failure inside the gateway). */
function describe(end: VendorCallEnd): { code: string; outcome: string } {
  if ('status' in end) {
    const outcome = end.status < 400 ? 'ok' : end.status < 500 ? 'client_error' : 'server_error';
    return { code: String(end.status), outcome };
  }
  const code = end.error instanceof TesseraError ? end.error.code : 'UNEXPECTED';
  return { code, outcome: OUTCOME_BY_ERROR_CODE[code] ?? 'error' };
}
