import { MaxCloudStore } from './MaxCloudStore.js';
import { maxCloudDemoCredentials, seedCompanies, seedUsers } from './seedDirectory.js';
import { seedTickets } from './seedTickets.js';

/** A fresh MaxCloud with the demo seed: the same records on every call. */
export function createMaxCloudStore(): MaxCloudStore {
  return new MaxCloudStore({
    companies: structuredClone([...seedCompanies]),
    users: structuredClone([...seedUsers]),
    tickets: seedTickets(maxCloudDemoCredentials.email),
  });
}
