import { zammadDemoCredentials as demo } from '../../simulators/zammad/index.js';
import type { VendorDemo } from '../shared/VendorModule.js';

/** Demo mode: the simulator's admin token is the service credential. */
export const zammadDemo: VendorDemo = {
  simulator: 'zammad',
  env: (url) => ({ ZAMMAD_BASE_URL: url, ZAMMAD_TOKEN: demo.adminToken }),
  banner: [
    `Zammad acts as the admin ${demo.adminEmail} (API token).`,
    `Send x-zammad-authorization to act as someone else, e.g. "Token token=${demo.agentToken}" (agent ${demo.agentEmail})`,
    `or "Token token=${demo.customerToken}" (customer ${demo.customerEmail}); x-zammad-on-behalf-of: <e-mail> acts for a user.`,
  ],
  actAs: { headers: { 'x-zammad-authorization': `Token token=${demo.agentToken}` }, who: `Zammad: the agent ${demo.agentEmail}` },
};
