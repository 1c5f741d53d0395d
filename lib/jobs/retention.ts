import { and, inArray, isNull, lt, lte } from 'drizzle-orm';
import { cellToCenterChild, cellToLatLng } from 'h3-js';
import { audit } from '@/lib/audit/audit';
import type { Db } from '@/lib/db/client';
import { reports, type ReportStatus } from '@/lib/db/schema';
import { forgetReportMail, purgeOutbox } from '@/lib/email/outbox';
import { purgeFeedback } from '@/lib/feedback/feedback';
import { purgeUnconfirmedFollows } from '@/lib/follows/service';
import { SCORING_RESOLUTION } from '@/lib/geo/cells';
import { onReportChanged } from '@/lib/priorities/service';
import { getSetting } from '@/lib/settings/queries';
import { runExclusively } from './exclusive';

const RETENTION_LOCK_ID = 7_418_302;
const closedStatuses: ReportStatus[] = ['resolved', 'dismissed', 'duplicate'];
const BATCH = 500;

export type RetentionResult = { emailsDeleted: number; coarsened: number; unconfirmedFollowsDeleted: number; outboxDeleted: number; feedbackPurged: number };

/**
 * Data minimisation (DSGVO Art. 5 (1) c, e): deletes reporters' e-mail addresses whose retention
 * date has passed with the messages to them, follows (by e-mail) that were not confirmed in time,
 * old outbox messages (which hold addresses too; whether or not SMTP is set up) and old accessibility feedback (the
 * handled messages, and the addresses of open ones), and replaces the exact
 * position of reports closed longer than the configured time by the centre of their public hexagon.
 * Returns null when another instance is running it.
 */
export async function runRetention(db: Db, now = new Date()): Promise<RetentionResult | null> {
  return runExclusively(db, RETENTION_LOCK_ID, async (tx) => {
    const deleted = await tx
      .update(reports)
      .set({ contactEmail: null, contactEmailDeleteAt: null })
      .where(lte(reports.contactEmailDeleteAt, now))
      .returning({ id: reports.id });

    const unconfirmedFollowsDeleted = await purgeUnconfirmedFollows(tx, now);
    const mailForgotten = await forgetReportMail(tx, deleted.map((report) => report.id));
    const outboxDeleted = mailForgotten + (await purgeOutbox(tx, now));
    const feedbackPurged = await purgeFeedback(tx, now);

    const coarsenDays = await getSetting(tx, 'retention.coarsenDays');
    const closedBefore = new Date(now.getTime() - coarsenDays * 86_400_000);
    let coarsened = 0;
    for (;;) {
      const due = await tx
        .select()
        .from(reports)
        .where(and(inArray(reports.status, closedStatuses), lt(reports.updatedAt, closedBefore), isNull(reports.coarsenedAt)))
        .limit(BATCH);
      for (const report of due) {
        const [lat, lon] = cellToLatLng(report.h3r9);
        const moved = { lat, lon, h3r10: cellToCenterChild(report.h3r9, SCORING_RESOLUTION) };
        await tx
          .update(reports)
          .set({ ...moved, coarsenedAt: now })
          .where(inArray(reports.id, [report.id]));
        // A resolved report still counts for patrol priorities: its contribution moves with it.
        await onReportChanged(tx, report, { ...report, ...moved }, { now });
      }
      coarsened += due.length;
      if (due.length < BATCH) break;
    }
    const result = { emailsDeleted: deleted.length, coarsened, unconfirmedFollowsDeleted, outboxDeleted, feedbackPurged };
    // What was deleted and coarsened, as counts (never addresses): shows each run happened once.
    if (deleted.length + coarsened + unconfirmedFollowsDeleted + outboxDeleted + feedbackPurged > 0) await audit(tx, null, 'retention.applied', 'retention', null, null, result);
    return result;
  });
}
