/** Dreamreflex CSA: the surface the rest of Tessera may use. */
export { DreamreflexClient, type DreamreflexAuth, type DreamreflexServiceAccount } from './client.js';
export { DreamreflexSource, type CompanyDetails } from './DreamreflexSource.js';
