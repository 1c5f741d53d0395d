import { hasRole, type StaffRole } from '@/lib/auth/roles';
import type { ReportStatus } from './types';

/*
 * The report workflow (DESIGN.md, "Staff side"): new → in_review → confirmed → in_patrol → resolved,
 * or dismissed (with a reason) or duplicate (merged into another report). Plain rules, no database,
 * so the table can be read — and tested — on its own.
 */

/** Who may read the inbox, and who may change reports (admin may do both: lib/auth/roles.ts). */
export const inboxReaders: readonly StaffRole[] = ['triage', 'police'];
export const inboxEditors: readonly StaffRole[] = ['triage'];

/**
 * Where a status may go by a status change. `duplicate` is reached only by a merge (it needs the
 * surviving report), and left by "unmerge" to in_review. Reopening (dismissed, resolved or merged
 * back to in_review) is open to everyone who may change reports: triage decided it, triage may
 * correct it, and every step is in the history and the audit log.
 */
export const statusTransitions: Readonly<Record<ReportStatus, readonly ReportStatus[]>> = {
  new: ['in_review', 'dismissed'],
  in_review: ['confirmed', 'dismissed'],
  confirmed: ['in_patrol', 'resolved', 'dismissed'],
  // Back to confirmed when a place is taken off the patrol plans without a result.
  in_patrol: ['resolved', 'confirmed', 'dismissed'],
  resolved: ['in_review'],
  dismissed: ['in_review'],
  duplicate: ['in_review'],
};

/** Reports that may be merged into another one (a closed report stays as it was closed). */
export const mergeableStatuses: readonly ReportStatus[] = ['new', 'in_review', 'confirmed', 'in_patrol'];

/** Reports that may survive a merge: not dismissed (it would not count) and not merged itself. */
export const mergeTargetStatuses: readonly ReportStatus[] = ['new', 'in_review', 'confirmed', 'in_patrol', 'resolved'];

export function canTransition(from: ReportStatus, to: ReportStatus): boolean {
  return statusTransitions[from].includes(to);
}

/** The statuses a report can be moved to by a status change (merging is a separate action). */
export function nextStatuses(from: ReportStatus): readonly ReportStatus[] {
  return statusTransitions[from];
}

export function isMergeable(status: ReportStatus): boolean {
  return mergeableStatuses.includes(status);
}

export function isMergeTarget(status: ReportStatus): boolean {
  return mergeTargetStatuses.includes(status);
}

/**
 * The resident's own words and e-mail address: triage needs them to review and redact, admins see
 * everything; police see only what staff wrote for display (DESIGN.md, "Privacy rules").
 */
export function canReadPersonalData(roles: readonly StaffRole[]): boolean {
  return hasRole(roles, ['triage']);
}

export function canChangeReports(roles: readonly StaffRole[]): boolean {
  return hasRole(roles, inboxEditors);
}

/** The steps a resident who left an e-mail address is told about (besides replies and merges). */
const reporterNotifiedStatuses = ['confirmed', 'resolved', 'dismissed'] as const satisfies readonly ReportStatus[];

export function isReporterNotified(status: ReportStatus): status is (typeof reporterNotifiedStatuses)[number] {
  return (reporterNotifiedStatuses as readonly ReportStatus[]).includes(status);
}
