import type { ReportStatus } from '@/lib/db/schema';

export const open311Statuses = ['open', 'closed'] as const;
export type Open311Status = (typeof open311Statuses)[number];

/** GeoReport knows only open and closed: a report is closed once staff are done with it. */
export const closedStatuses: readonly ReportStatus[] = ['resolved', 'dismissed', 'duplicate'];
export const openStatuses: readonly ReportStatus[] = ['new', 'in_review', 'confirmed', 'in_patrol'];

export function toOpen311Status(status: ReportStatus): Open311Status {
  return closedStatuses.includes(status) ? 'closed' : 'open';
}

const notes: Record<ReportStatus, string> = {
  new: 'Eingegangen; die Meldung wartet auf die Prüfung durch das Ordnungsamt.',
  in_review: 'Die Meldung wird vom Ordnungsamt geprüft.',
  confirmed: 'Geprüft und bestätigt; die Meldung fließt in die Planung der gemeinsamen Streifen ein.',
  in_patrol: 'Der Ort wird bei den gemeinsamen Streifen von Stadt und Polizei berücksichtigt.',
  resolved: 'Erledigt: Zu dieser Meldung wurde etwas unternommen.',
  dismissed: 'Geprüft; die Meldung wird nicht weiter verfolgt.',
  duplicate: 'Mit einer gleichen Meldung zusammengeführt.',
};

/** status_notes in German; a merged report names the report it now lives on. */
export function statusNotes(status: ReportStatus, mergedInto: string | null): string {
  return status === 'duplicate' && mergedInto ? `${notes.duplicate} Weiter unter ${mergedInto}.` : notes[status];
}
