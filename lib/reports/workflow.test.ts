import { describe, expect, it } from 'vitest';
import { isCounted } from './cell-stats';
import { reportStatuses, type ReportStatus } from './types';
import { canChangeReports, canReadPersonalData, canTransition, isMergeTarget, isMergeable, statusTransitions } from './workflow';

// The table as a reader of DESIGN.md would draw it: from → the statuses a status change may reach.
const expected: Record<ReportStatus, ReportStatus[]> = {
  new: ['in_review', 'dismissed'],
  in_review: ['confirmed', 'dismissed'],
  confirmed: ['in_patrol', 'resolved', 'dismissed'],
  in_patrol: ['resolved', 'confirmed', 'dismissed'],
  resolved: ['in_review'],
  dismissed: ['in_review'],
  duplicate: ['in_review'],
};

describe('the status workflow', () => {
  it('is the table in DESIGN.md: new → in_review → confirmed → in_patrol → resolved, or dismissed', () => {
    expect(statusTransitions).toEqual(expected);
  });

  it.each(reportStatuses.flatMap((from) => reportStatuses.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(expected[from].includes(to));
  });

  it('reaches duplicate only by a merge, never by a status change', () => {
    for (const from of reportStatuses) expect(canTransition(from, 'duplicate')).toBe(false);
  });

  it('walks the main path one step at a time (no skipping review)', () => {
    expect(canTransition('new', 'confirmed')).toBe(false);
    expect(canTransition('new', 'resolved')).toBe(false);
    const path: ReportStatus[] = ['new', 'in_review', 'confirmed', 'in_patrol', 'resolved'];
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1], path[i])).toBe(true);
  });

  it('lets closed reports be reopened for review', () => {
    for (const from of ['dismissed', 'resolved', 'duplicate'] as const) expect(canTransition(from, 'in_review')).toBe(true);
  });

  it('merges open reports only, into reports that still count', () => {
    expect(reportStatuses.filter(isMergeable)).toEqual(['new', 'in_review', 'confirmed', 'in_patrol']);
    expect(reportStatuses.filter(isMergeTarget)).toEqual(['new', 'in_review', 'confirmed', 'in_patrol', 'resolved']);
    for (const status of reportStatuses.filter(isMergeTarget)) expect(isCounted(status)).toBe(true);
  });

  it('lets triage and admin change reports and read personal data; police only read', () => {
    expect(canChangeReports(['triage'])).toBe(true);
    expect(canChangeReports(['admin'])).toBe(true);
    expect(canChangeReports(['police'])).toBe(false);
    expect(canChangeReports(['coordinator'])).toBe(false);
    expect(canReadPersonalData(['triage'])).toBe(true);
    expect(canReadPersonalData(['admin'])).toBe(true);
    expect(canReadPersonalData(['police'])).toBe(false);
    expect(canReadPersonalData(['police', 'coordinator'])).toBe(false);
  });
});
