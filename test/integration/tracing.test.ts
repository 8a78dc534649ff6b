import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

const exporter = new InMemorySpanExporter();
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ spanExporter: exporter });
});
afterAll(() => gw.close());
beforeEach(() => exporter.reset());

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('traces', () => {
  it('makes the operation span, named after the operation and carrying the request ID, the parent of its vendor-call spans', async () => {
    const answer = await gw.gql('query DevicesAndTeams { devices(first: 2) { totalCount } teams(first: 2) { totalCount } }', {}, { ...withApiKey, 'x-request-id': 'trace-test-1' });
    expect(answer.body.errors).toBeUndefined();

    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name === 'DevicesAndTeams');
    expect(operation).toBeDefined();
    expect(operation!.attributes['tessera.request_id']).toBe('trace-test-1');
    expect(operation!.attributes['graphql.operation.type']).toBe('query');

    const vendorCalls = spans.filter((span) => span.attributes['tessera.vendor'] !== undefined);
    expect(new Set(vendorCalls.map((span) => span.attributes['tessera.vendor']))).toEqual(new Set(['thingscloud', 'lexiang']));
    for (const call of vendorCalls) {
      expect(parentOf(call)).toBe(operation!.spanContext().spanId);
      expect(call.spanContext().traceId).toBe(operation!.spanContext().traceId);
      expect(call.attributes).toMatchObject({ 'tessera.request_id': 'trace-test-1', 'http.response.status_code': 200, 'tessera.outcome': 'ok' });
      expect(call.attributes['http.request.method']).toMatch(/^(GET|POST)$/);
      // A route template: no query string, no host, no credentials.
      expect(String(call.attributes['http.route'])).toMatch(/^\/[\w/:-]*$/);
      expect(JSON.stringify(call.attributes)).not.toMatch(/\?|http:\/\/|token=|secret/i);
    }
  });

  it('marks a failed vendor call on its span and keeps requests apart', async () => {
    gw.zammad.setFaults({ forceStatus: 503 });
    try {
      await Promise.all([
        gw.gql('query A { tickets(first: 2) { missingSources } }', {}, { ...withApiKey, 'x-request-id': 'trace-a' }),
        gw.gql('query B { teams(first: 1) { totalCount } }', {}, { ...withApiKey, 'x-request-id': 'trace-b' }),
      ]);
    } finally {
      gw.zammad.clearFaults();
    }
    const spans = exporter.getFinishedSpans();
    const a = spans.find((span) => span.name === 'A')!;
    const b = spans.find((span) => span.name === 'B')!;
    expect(a.attributes['tessera.outcome']).toBe('partial');
    const zammad = spans.filter((span) => span.attributes['tessera.vendor'] === 'zammad');
    expect(zammad.length).toBeGreaterThan(0);
    for (const call of zammad) {
      expect(parentOf(call)).toBe(a.spanContext().spanId);
      expect(call.attributes).toMatchObject({ 'tessera.request_id': 'trace-a', 'http.response.status_code': 503, 'tessera.outcome': 'server_error' });
      expect(call.status.code).toBe(2); // SpanStatusCode.ERROR
    }
    for (const call of spans.filter((span) => span.attributes['tessera.request_id'] === 'trace-b' && span !== b)) {
      expect(parentOf(call)).toBe(b.spanContext().spanId);
    }
  });
});
