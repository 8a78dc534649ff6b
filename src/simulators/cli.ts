/**
 * Runs one vendor simulator standalone: `npm run sim -- dreamreflex --port 8104`.
 * Faults can be preset from the environment (SIM_LATENCY_MS, SIM_ERROR_RATE, SIM_ERROR_STATUS,
 * SIM_FORCE_STATUS, SIM_MALFORMED_BODY=true, SIM_PATH_PREFIX) and changed at run time with
 * `PUT /__sim/faults`; request counts are at `GET /__sim/requests`.
 */
import { parseArgs } from 'node:util';
import type { Faults } from './kit/index.js';
import { isSimulatorName, simulatorFactories, startVendorSimulator } from './index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' } },
});

const name = positionals[0] ?? '';
if (!isSimulatorName(name)) {
  console.error(`usage: npm run sim -- <${Object.keys(simulatorFactories).join('|')}> [--port N] [--host 127.0.0.1]`);
  process.exit(2);
}

const env = process.env;
const faults: Partial<Faults> = {
  ...(env.SIM_LATENCY_MS && { latencyMs: Number(env.SIM_LATENCY_MS) }),
  ...(env.SIM_ERROR_RATE && { errorRate: Number(env.SIM_ERROR_RATE) }),
  ...(env.SIM_ERROR_STATUS && { errorStatus: Number(env.SIM_ERROR_STATUS) }),
  ...(env.SIM_FORCE_STATUS && { forceStatus: Number(env.SIM_FORCE_STATUS) }),
  ...(env.SIM_MALFORMED_BODY === 'true' && { malformedBody: true }),
  ...(env.SIM_PATH_PREFIX && { pathPrefix: env.SIM_PATH_PREFIX }),
};

try {
  const sim = await startVendorSimulator(name, {
    port: Number(values.port),
    host: values.host,
    faults,
    log: (line) => console.log(line),
  });
  console.log(`${name} simulator listening on ${sim.url} (control: ${sim.url}/__sim/requests, /__sim/faults, /__sim/clock)`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`${name} simulator failed to start: ${(error as Error).message}`);
  process.exit(1);
}
