import { staffRoles, type StaffRole } from '@/lib/db/schema';

export { staffRoles, type StaffRole };

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (staffRoles as readonly string[]).includes(value);
}

/**
 * Whether a user holding `held` may do what needs one of `allowed`. An admin may do everything
 * (DESIGN.md, "Users and roles"); a user without any role may do nothing.
 */
export function hasRole(held: readonly StaffRole[], allowed: readonly StaffRole[]): boolean {
  if (held.includes('admin')) return true;
  return allowed.some((role) => held.includes(role));
}
