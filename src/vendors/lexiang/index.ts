/** Tencent Lexiang (乐享), K吧 teams: the surface the rest of Tessera may use. */
export { LexiangClient, type LexiangAuth, type LexiangAppCredentials } from './client.js';
export { LexiangSource } from './LexiangSource.js';
export type { NewTeam, TeamChanges, TeamMemberRef } from './mapping.js';
