/** Public surface of the Zammad REST API v1 simulator. */
export { createZammadSimulator, withZammadOptions, type ZammadSimulatorOptions } from './createZammadSimulator.js';
export { createZammadStore } from './createZammadStore.js';
export { ZammadStore } from './ZammadStore.js';
export { zammadDemoCredentials, zammadSeedIds } from './seedDirectory.js';
export { SEED_TICKET_COUNT, SEED_FIRST_TICKET_AT, SEED_LAST_TICKET_AT } from './seedTickets.js';
export {
  TICKETS_PER_PAGE_MAX, TICKETS_PER_PAGE_DEFAULT, SEARCH_PER_PAGE_DEFAULT, SEARCH_PER_PAGE_MAX,
  USERS_PER_PAGE_DEFAULT, USERS_PER_PAGE_MAX, INDEX_PER_PAGE_DEFAULT, INDEX_PER_PAGE_MAX,
} from './pagination.js';
export { parseSearchQuery, SearchQuerySyntaxError, type SearchNode, type SearchTerm, type RangeBound } from './parseSearchQuery.js';
export type {
  ArticleRecord, AttachmentRecord, GroupAccess, GroupRecord, OrganizationRecord, PriorityRecord, RoleRecord, SettingRecord, StateRecord, TicketRecord, UserRecord,
} from './ZammadRecords.js';
