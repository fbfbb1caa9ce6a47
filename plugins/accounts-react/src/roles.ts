import type { LabstageRole } from '@internal/backstage-plugin-accounts-common';

/**
 * True for roles that run courses (instructors and admins).
 *
 * @public
 */
export function isStaff(role: LabstageRole | string | undefined): boolean {
  return role === 'instructor' || role === 'admin';
}

/** @public */
export function isAdmin(role: LabstageRole | string | undefined): boolean {
  return role === 'admin';
}

/** @public */
export function isInstructor(role: LabstageRole | string | undefined): boolean {
  return role === 'instructor';
}

/** @public */
export const ROLE_LABELS: Record<LabstageRole, string> = {
  admin: 'Admin',
  instructor: 'Instructor',
  student: 'Student',
};

/** @public */
export function roleLabel(role: LabstageRole | string | undefined): string {
  return (role && ROLE_LABELS[role as LabstageRole]) || 'Unknown';
}
