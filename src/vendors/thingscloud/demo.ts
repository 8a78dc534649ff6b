import { thingsCloudDemoCredentials as demo } from '../../simulators/thingscloud/index.js';
import type { VendorDemo } from '../shared/VendorModule.js';

/** Demo mode: the simulator's API app is the service credential. */
export const thingsCloudDemo: VendorDemo = {
  simulator: 'thingscloud',
  env: (url) => ({ THINGSCLOUD_BASE_URL: url, THINGSCLOUD_APP_ID: demo.appId, THINGSCLOUD_ACCESS_KEY: demo.accessKey, THINGSCLOUD_SECRET_KEY: demo.secretKey }),
  banner: [
    `ThingsCloud uses the demo API app; thingsCloudAdminLogin (account ${demo.adminAccount}, password ${demo.adminPassword})`,
    'gives an admin token for x-thingscloud-token.',
  ],
};
