/** Public surface of the MaxCloud (SpotMax) simulator. */
export {
  createMaxCloudSimulator, withMaxCloudOptions, MAXCLOUD_PAGE_SIZE_MAX, MAXCLOUD_TOKEN_LIFETIME_SECONDS, type MaxCloudSimulatorOptions,
} from './createMaxCloudSimulator.js';
export { createMaxCloudStore } from './createMaxCloudStore.js';
export { MaxCloudStore, newestFirst, type MaxCloudTicketInput } from './MaxCloudStore.js';
export { maxCloudDemoCredentials, SHARED_EMAILS as MAXCLOUD_SHARED_EMAILS } from './seedDirectory.js';
export { MAXCLOUD_SEED_TICKET_COUNTS, MAXCLOUD_SEED_FIRST_CREATED_AT, MAXCLOUD_SEED_LAST_CREATED_AT } from './seedTickets.js';
export { MaxCloudErrCode, type MaxCloudErrCodeValue, TOKEN_INVALID_MESSAGE as MAXCLOUD_TOKEN_INVALID_MESSAGE, WRONG_CREDENTIALS_MESSAGE as MAXCLOUD_WRONG_CREDENTIALS_MESSAGE } from './envelope.js';
export { MAXCLOUD_PAGE_SIZE_DEFAULT } from './requestBodies.js';
export { formatChinaTime, parseChinaTime } from './chinaTime.js';
export { parseTicketQuery, TicketQuerySyntaxError, TICKET_QUERY_FIELDS, type TicketQuery, type TicketQueryField } from './parseTicketQuery.js';
export { matchesTicketQuery } from './matchTicketQuery.js';
export {
  MAXCLOUD_TICKET_STATES, MaxCloudPriority,
  type MaxCloudCompany, type MaxCloudPriorityValue, type MaxCloudResource, type MaxCloudTicket, type MaxCloudTicketState, type MaxCloudUser,
} from './MaxCloudRecords.js';
