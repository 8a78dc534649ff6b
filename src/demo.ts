import { configureVendors, type Config } from './config.js';
import type { PlaygroundActAs } from './http/playground.js';
import type { Logger } from './logger.js';
import { isSimulatorName, startVendorSimulator, type RunningSimulator } from './simulators/index.js';
import { vendors } from './vendors/index.js';

export interface Demo {
  /** The configuration with every vendor pointed at its simulator. */
  config: Config;
  simulators: RunningSimulator[];
  /** Lines for the start banner: whom each vendor acts as and how to change it. */
  banner: string[];
  /** Headers that act as other demo users, for the playground's "act as" tab. */
  actAs: PlaygroundActAs;
  /** Whether every simulator still answers. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Demo mode: starts every registered vendor's simulator on a free loopback port and
 * configures the vendor from the environment its registration gives for that simulator
 * (its demo service credentials), through the same validation as live configuration.
 */
export async function startDemo(config: Config, logger: Logger): Promise<Demo> {
  const log = (line: string) => logger.info({ simulator: true }, line);
  const demos = await Promise.all(vendors.map((vendor) => vendor.demo()));
  const simulators = await Promise.all(
    demos.map((demo) => {
      if (!isSimulatorName(demo.simulator)) throw new Error(`No simulator named ${demo.simulator}.`);
      return startVendorSimulator(demo.simulator, { log, faults: { latencyMs: config.demoLatencyMs } });
    }),
  );
  const env = Object.assign({}, ...demos.map((demo, i) => demo.env(simulators[i]!.url))) as Record<string, string>;
  return {
    config: { ...config, vendors: configureVendors(env) },
    simulators,
    banner: demos.flatMap((demo) => demo.banner),
    actAs: {
      headers: Object.assign({}, ...demos.map((demo) => demo.actAs?.headers)) as Record<string, string>,
      who: demos.flatMap((demo) => (demo.actAs ? [demo.actAs.who] : [])),
    },
    async isReady() {
      const answers = await Promise.all(simulators.map((sim) => fetch(`${sim.url}/__sim/clock`).then((r) => r.ok, () => false)));
      return answers.every(Boolean);
    },
    async close() {
      await Promise.all(simulators.map((sim) => sim.close()));
    },
  };
}
