import type { StaffRole } from '@/lib/db/schema';
import { canChangeReports } from '@/lib/reports/workflow';

/*
 * A double patrol is one member of the city's public-order office and one police officer
 * (DESIGN.md, "The problem"). Roles say who is who: `police` is the police; the city's staff are
 * those with triage (the Ordnungsamt's inbox), coordinator or admin. A user holding both kinds of
 * role still counts as one person, so a team needs two different members, one of each kind.
 */

export const policeRoles: readonly StaffRole[] = ['police'];
export const cityRoles: readonly StaffRole[] = ['triage', 'coordinator', 'admin'];

/** Who may create, change and log plans; coordinators (and every staff role) may read them. */
export const planEditors: readonly StaffRole[] = ['police', 'triage'];
export const planReaders: readonly StaffRole[] = ['police', 'triage', 'coordinator'];

export type TeamMember = { id: number; roles: readonly StaffRole[]; active: boolean };

export function isPolice(member: Pick<TeamMember, 'roles'>): boolean {
  return member.roles.some((r) => policeRoles.includes(r));
}

export function isCity(member: Pick<TeamMember, 'roles'>): boolean {
  return member.roles.some((r) => cityRoles.includes(r));
}

export type TeamError = 'team_unknown_member' | 'team_needs_city_and_police';

/** Whether `ids` (of `staff`) form a double patrol; the first problem, or null. */
export function checkTeam(ids: readonly number[], staff: readonly TeamMember[]): TeamError | null {
  const members = [...new Set(ids)].map((id) => staff.find((s) => s.id === id && s.active));
  if (members.some((m) => m === undefined)) return 'team_unknown_member';
  const known = members as TeamMember[];
  const hasPair = known.some((p) => isPolice(p) && known.some((c) => c.id !== p.id && isCity(c)));
  return hasPair ? null : 'team_needs_city_and_police';
}

/**
 * Who may log a plan's visits: its team, who walked it, and those who may change reports anyway
 * (triage, admin), who may type up a team's paper log. Police outside the team may not: a log moves
 * reports on, which police may do only for a patrol they walked.
 */
export function mayLogVisits(actor: { id: number; roles: readonly StaffRole[] }, plan: { team: readonly number[] }): boolean {
  return plan.team.includes(actor.id) || canChangeReports(actor.roles);
}
