import { dreamreflexDemoAccounts } from '../../simulators/dreamreflex/index.js';
import type { VendorDemo } from '../shared/VendorModule.js';

const account = dreamreflexDemoAccounts[0]!;

/** Demo mode: the simulator's first demo user is the service account. */
export const dreamreflexDemo: VendorDemo = {
  simulator: 'dreamreflex',
  env: (url) => ({ DREAMREFLEX_BASE_URL: url, DREAMREFLEX_EMAIL: account.email, DREAMREFLEX_PASSWORD: account.password }),
  banner: [
    `Dreamreflex acts as the demo user ${account.email} (password ${account.password}).`,
    'Send your own token in the x-dreamreflex-token header to act as someone else',
    '(get one with the dreamreflexLogin mutation; see the README for the other demo users).',
  ],
};
