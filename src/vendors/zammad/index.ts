/** Zammad: the surface the rest of Tessera may use. */
export { zammadVendor, type ZammadConfig } from './zammadVendor.js';
export { ZammadClient, type ZammadAuth, type ZammadServiceCredentials } from './client.js';
export { ZammadSource } from './ZammadSource.js';
export type { ZammadTicketFilter, TimeRange } from './query.js';
export type { NewZammadTicket, ZammadArticleInput, ZammadAttachmentInput, ZammadTicketChanges, ZammadUserInput } from './mapping.js';
