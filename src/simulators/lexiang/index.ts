/** Public surface of the Lexiang (乐享) K吧 simulator. */
export { createLexiangSimulator, type LexiangSimulatorOptions } from './createLexiangSimulator.js';
export { createTeamStore, type TeamStore, type TeamRecord, type OrgRef, type TeamType } from './teamStore.js';
export { lexiangDemoCredentials, lexiangStaffIds, lexiangDepartments, lexiangContactTags } from './seed.js';
export { TOKEN_CALLS_PER_WINDOW, TOKEN_LIFETIME_SECONDS, TOKEN_WINDOW_MS } from './tokenIssuer.js';
export { TEAM_NAME_MAX, TEAM_SIGNATURE_MAX } from './teamInput.js';
