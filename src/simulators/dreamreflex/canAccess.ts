import type { UserRecord } from './records.js';

/** Users reach only what their e-mail owns; admins (per the doc) reach everything. */
export function canAccess(user: UserRecord, ownerEmail: string): boolean {
  return user.role === 'admin' || user.email === ownerEmail;
}
