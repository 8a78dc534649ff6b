import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import type { NextFunction, Request, Response } from 'express';
import type { EventLoopMonitor } from '../../src/eventLoopMonitor.js';
import { createLoadShedder } from '../../src/http/loadShedding.js';
import { createLogger } from '../../src/logger.js';

/** Just what the guard uses of a response: status, headers, a JSON body, and its `close` event. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  headers: Record<string, string> = {};
  body: unknown;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  set(name: string, value: string) {
    this.headers[name] = value;
    return this;
  }
  json(body: unknown) {
    this.body = body;
    return this;
  }
}

function setup({ maxInFlight = 2, maxLoopDelayMs = 0, loopDelayMs = 0 } = {}) {
  let now = 1_000_000;
  const loopMonitor: EventLoopMonitor = { recentDelayMs: () => loopDelayMs, stop: () => {} };
  const shedder = createLoadShedder({ maxInFlight, maxLoopDelayMs, readyHoldMs: 5000, loopMonitor, logger: createLogger('silent'), now: () => now });
  const request = () => {
    const res = new FakeResponse();
    let admitted = false;
    shedder.guard({} as Request, res as unknown as Response, (() => void (admitted = true)) as NextFunction);
    return { res, admitted };
  };
  return { shedder, request, advance: (ms: number) => (now += ms) };
}

describe('createLoadShedder', () => {
  it('admits up to the limit, refuses the next at once with 503, Retry-After and a GraphQL error, and admits again when one ends', () => {
    const { shedder, request } = setup({ maxInFlight: 2 });
    const first = request();
    expect(request().admitted).toBe(true);
    expect(first.admitted).toBe(true);
    const refused = request();
    expect(refused.admitted).toBe(false);
    expect(refused.res.statusCode).toBe(503);
    expect(refused.res.headers).toEqual({ 'retry-after': '1' });
    expect(refused.res.body).toEqual({
      errors: [{ message: 'Tessera is overloaded; retry after 1 second.', extensions: { code: 'OVERLOADED', retryable: true, http: { status: 503 } } }],
    });
    first.res.emit('close');
    expect(request().admitted).toBe(true);
    expect(shedder.stats()).toEqual({ inFlight: 2, shed: 1 });
  });

  it('is not ready while refusing and for the hold after the last refusal', () => {
    const { shedder, request, advance } = setup({ maxInFlight: 1 });
    expect(shedder.isReady()).toBe(true);
    const held = request();
    request();
    expect(shedder.isReady()).toBe(false);
    held.res.emit('close');
    advance(4999);
    expect(shedder.isReady()).toBe(false);
    advance(1);
    expect(shedder.isReady()).toBe(true);
  });

  it('refuses on event-loop delay when told to, and never when the threshold is 0', () => {
    expect(setup({ maxLoopDelayMs: 1000, loopDelayMs: 1500 }).request().admitted).toBe(false);
    expect(setup({ maxLoopDelayMs: 1000, loopDelayMs: 500 }).request().admitted).toBe(true);
    expect(setup({ maxLoopDelayMs: 0, loopDelayMs: 60_000 }).request().admitted).toBe(true);
  });
});
