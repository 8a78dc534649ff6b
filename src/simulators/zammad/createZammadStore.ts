import { seedDirectory } from './seedDirectory.js';
import { seedTickets } from './seedTickets.js';
import { ZammadStore } from './ZammadStore.js';

/** A fresh Zammad instance with the demo seed: the same records on every call. */
export function createZammadStore(): ZammadStore {
  const store = new ZammadStore();
  seedDirectory(store);
  seedTickets(store);
  return store;
}
