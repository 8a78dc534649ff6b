/** The Dreamreflex CSA simulator's public surface. */
export { createDreamreflexSimulator } from './createDreamreflexSimulator.js';
export { buildDreamreflexSeed, dreamreflexDemoAccounts, dreamreflexSeedIds, type DreamreflexDemoAccount, type DreamreflexSeed, type DreamreflexSeedIds } from './seed.js';
export { dreamreflexMessages } from './messages.js';
export { accessTokenLifetimeSeconds } from './createTokenService.js';
