import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { dreamreflexDemoAccounts, lexiangDemoCredentials, startVendorSimulator, thingsCloudDemoCredentials, type RunningSimulator } from './simulators/index.js';

export interface Demo {
  /** The configuration with every simulated vendor filled in. */
  config: Config;
  simulators: RunningSimulator[];
  /** Whether every simulator still answers. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Demo mode: starts the vendor simulators on free loopback ports and points the gateway at
 * them, with the first demo account as each vendor's service credentials (Lexiang: the
 * simulator's app credentials, acting as its demo staff member).
 */
export async function startDemo(config: Config, logger: Logger): Promise<Demo> {
  const log = (line: string) => logger.info({ simulator: true }, line);
  const [dreamreflex, lexiang, thingscloud] = await Promise.all([
    startVendorSimulator('dreamreflex', { log }),
    startVendorSimulator('lexiang', { log }),
    startVendorSimulator('thingscloud', { log }),
  ]);
  const simulators = [dreamreflex, lexiang, thingscloud];
  const demoUser = dreamreflexDemoAccounts[0]!;
  return {
    config: {
      ...config,
      vendors: {
        ...config.vendors,
        dreamreflex: { baseUrl: dreamreflex.url, service: { email: demoUser.email, password: demoUser.password } },
        lexiang: {
          baseUrl: lexiang.url,
          service: { appKey: lexiangDemoCredentials.appKey, appSecret: lexiangDemoCredentials.appSecret },
          staffId: lexiangDemoCredentials.staffId,
        },
        thingscloud: {
          baseUrl: thingscloud.url,
          service: { appId: thingsCloudDemoCredentials.appId, accessKey: thingsCloudDemoCredentials.accessKey, secretKey: thingsCloudDemoCredentials.secretKey },
        },
      },
    },
    simulators,
    async isReady() {
      const answers = await Promise.all(simulators.map((sim) => fetch(`${sim.url}/__sim/clock`).then((r) => r.ok, () => false)));
      return answers.every(Boolean);
    },
    async close() {
      await Promise.all(simulators.map((sim) => sim.close()));
    },
  };
}
