import { maxCloudDemoCredentials as demo } from '../../simulators/maxcloud/index.js';
import type { VendorDemo } from '../shared/VendorModule.js';

/** Demo mode: the simulator's demo login is the service account, in its default company. */
export const maxCloudDemo: VendorDemo = {
  simulator: 'maxcloud',
  env: (url) => ({
    MAXCLOUD_BASE_URL: url,
    MAXCLOUD_USERNAME: demo.email,
    MAXCLOUD_PASSWORD: demo.password,
    MAXCLOUD_COMPANY_ID: String(demo.companyId),
  }),
  banner: [
    `MaxCloud acts as ${demo.email} in company ${demo.companyId}.`,
    `maxCloudLogin(email, password) gives a token to send as x-maxcloud-token, e.g. as ${demo.otherEmail} / ${demo.otherPassword};`,
    `with ${demo.email} / ${demo.password}, add x-maxcloud-company-id: ${demo.otherCompanyId} to work in company ${demo.otherCompanyId}.`,
  ],
};
