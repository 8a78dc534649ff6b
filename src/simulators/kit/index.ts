export { createClock, type Clock } from './clock.js';
export { RequestCounter, type ServedRequest } from './RequestCounter.js';
export { mergeFaults, noFaults, type Faults } from './faults.js';
export { startSimulator, type RunningSimulator, type SimulatorFactory, type SimulatorRuntime, type StartSimulatorOptions } from './startSimulator.js';
