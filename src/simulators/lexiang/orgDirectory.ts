import { lexiangContactTags, lexiangDepartments, lexiangStaffIds } from './seed.js';

/** The company directory the simulator checks `x-staff-id` and `orgs` entries against. */
export interface OrgDirectory {
  /** The canonical userid for `id` (matched case-insensitively), or undefined when unknown. */
  staff(id: string): string | undefined;
  hasDepartment(id: number): boolean;
  hasContactTag(id: number): boolean;
}

export function createOrgDirectory(): OrgDirectory {
  const staff = new Map(lexiangStaffIds.map((id) => [id.toLowerCase(), id]));
  const departments = new Set(lexiangDepartments.map((d) => d.id));
  const tags = new Set(lexiangContactTags.map((t) => t.id));
  return {
    staff: (id) => staff.get(id.toLowerCase()),
    hasDepartment: (id) => departments.has(id),
    hasContactTag: (id) => tags.has(id),
  };
}
