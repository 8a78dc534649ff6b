import { createDreamreflexSimulator } from './dreamreflex/index.js';
import { createLexiangSimulator } from './lexiang/index.js';
import { createMaxCloudSimulator } from './maxcloud/index.js';
import { createThingsCloudSimulator } from './thingscloud/index.js';
import { createZammadSimulator } from './zammad/index.js';
import { startSimulator, type RunningSimulator, type SimulatorFactory, type StartSimulatorOptions } from './kit/index.js';

/** Every vendor simulator, by the name `npm run sim -- <name>` takes. */
export const simulatorFactories = {
  dreamreflex: createDreamreflexSimulator,
  lexiang: createLexiangSimulator as SimulatorFactory,
  maxcloud: createMaxCloudSimulator as SimulatorFactory,
  thingscloud: createThingsCloudSimulator,
  zammad: createZammadSimulator as SimulatorFactory,
} satisfies Record<string, SimulatorFactory>;

export type SimulatorName = keyof typeof simulatorFactories;

export function isSimulatorName(name: string): name is SimulatorName {
  return Object.hasOwn(simulatorFactories, name);
}

export function startVendorSimulator(name: SimulatorName, options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator(name, simulatorFactories[name], options);
}

export { dreamreflexDemoAccounts } from './dreamreflex/index.js';
export { lexiangDemoCredentials } from './lexiang/index.js';
export { maxCloudDemoCredentials } from './maxcloud/index.js';
export { thingsCloudDemoCredentials } from './thingscloud/index.js';
export { zammadDemoCredentials } from './zammad/index.js';
export type { RunningSimulator } from './kit/index.js';
