import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Router } from 'express';
import { createClock, type Clock } from './clock.js';
import { RequestCounter } from './RequestCounter.js';
import { faultInjector, mergeFaults, noFaults, type Faults } from './faults.js';

/** What a vendor simulator is given: its clock, and a log line writer for things a real vendor would e-mail or log (verification codes). */
export interface SimulatorRuntime {
  readonly clock: Clock;
  readonly log: (line: string) => void;
}

/** A vendor simulator: builds the vendor's routes (documented paths, envelopes, errors) over its own seeded state. */
export type SimulatorFactory = (runtime: SimulatorRuntime) => Router;

export interface StartSimulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; only loopback by default. */
  host?: string;
  clock?: Clock;
  faults?: Partial<Faults>;
  log?: (line: string) => void;
  /** Source of randomness for the error-rate fault (tests pass a fixed one). */
  random?: () => number;
}

export interface RunningSimulator {
  readonly name: string;
  /** Origin the vendor's documented paths live under, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  readonly clock: Clock;
  readonly requests: RequestCounter;
  /** Current faults; replace with `setFaults`. */
  readonly faults: Readonly<Faults>;
  setFaults(patch: Partial<Faults>): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/**
 * Starts one vendor simulator on its own HTTP server. Besides the vendor's routes it
 * serves a control surface under `/__sim` (request counts and the peak in flight, faults,
 * the clock) so that a simulator run standalone can be steered the way tests steer one in
 * process.
 */
export async function startSimulator(name: string, factory: SimulatorFactory, options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  const clock = options.clock ?? createClock();
  const requests = new RequestCounter();
  let faults = mergeFaults({ ...noFaults }, options.faults ?? {});
  const log = options.log ?? (() => {});

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/__sim', createControlRouter({
    requests,
    clock,
    getFaults: () => faults,
    setFaults: (patch) => { faults = mergeFaults(faults, patch); },
  }));
  app.use((req, res, next) => {
    // In flight from arrival (a latency fault's wait included) until answered or abandoned.
    requests.began();
    const startedAt = performance.now();
    res.once('close', () => requests.ended());
    // Counted once the response is sent, by the route pattern that served it.
    res.on('finish', () => requests.record(req.method, (req.route?.path as string | undefined) ?? 'unmatched', startedAt));
    next();
  });
  app.use(faultInjector(() => faults, options.random));
  app.use(factory({ clock, log }));

  const server: Server = app.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    name,
    url: `http://${host}:${port}`,
    port,
    clock,
    requests,
    get faults() {
      return faults;
    },
    setFaults(patch) {
      faults = mergeFaults(faults, patch);
    },
    clearFaults() {
      faults = { ...noFaults };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

interface ControlDeps {
  requests: RequestCounter;
  clock: Clock;
  getFaults: () => Faults;
  setFaults: (patch: Partial<Faults>) => void;
}

function createControlRouter({ requests, clock, getFaults, setFaults }: ControlDeps): Router {
  const router = express.Router();
  router.use(express.json());
  router.get('/requests', (_req, res) => void res.json({ total: requests.count(), byRoute: requests.snapshot(), peakInFlight: requests.peakInFlight() }));
  router.delete('/requests', (_req, res) => {
    requests.reset();
    res.status(204).end();
  });
  router.get('/faults', (_req, res) => void res.json(getFaults()));
  router.put('/faults', (req, res) => {
    try {
      setFaults((req.body ?? {}) as Partial<Faults>);
      res.json(getFaults());
    } catch (err) {
      res.status(400).json({ error: (err as Error).message });
    }
  });
  const clockState = () => ({ now: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs, frozen: clock.frozen });
  router.get('/clock', (_req, res) => void res.json(clockState()));
  router.post('/clock/advance', (req, res) => {
    try {
      clock.advance(Number((req.body as { ms?: unknown } | undefined)?.ms));
      res.json(clockState());
    } catch (err) {
      res.status(400).json({ error: (err as Error).message });
    }
  });
  router.post('/clock/freeze', (_req, res) => {
    clock.freeze();
    res.json(clockState());
  });
  return router;
}
