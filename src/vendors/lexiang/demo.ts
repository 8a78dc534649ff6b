import { lexiangDemoCredentials } from '../../simulators/lexiang/index.js';
import type { VendorDemo } from '../shared/VendorModule.js';

/** Demo mode: the simulator's app credentials, acting as its demo staff member. */
export const lexiangDemo: VendorDemo = {
  simulator: 'lexiang',
  env: (url) => ({
    LEXIANG_BASE_URL: url,
    LEXIANG_APP_KEY: lexiangDemoCredentials.appKey,
    LEXIANG_APP_SECRET: lexiangDemoCredentials.appSecret,
    LEXIANG_STAFF_ID: lexiangDemoCredentials.staffId,
  }),
  banner: [`Lexiang acts as staff member ${lexiangDemoCredentials.staffId}; send x-lexiang-staff-id to act as another.`],
};
