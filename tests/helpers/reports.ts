import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { reports, type Report, type ReportStatus } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/routing';
import { createReport } from '@/lib/reports/service';

export type TestReport = {
  lat?: number;
  lon?: number;
  category?: string;
  email?: string | null;
  locale?: Locale;
  status?: ReportStatus;
  createdAt?: Date;
  /** A fixed reference, for tests that name the report up front. */
  ref?: string;
};

/** A report made through the intake's own service (so cells, district and history are right), then given a status and age. */
export async function insertReport(db: Db, options: TestReport = {}): Promise<Report> {
  const result = await createReport(
    db,
    {
      lat: options.lat ?? 51.6139,
      lon: options.lon ?? 7.5231,
      category: options.category ?? 'poor-lighting',
      feeling: 3,
      when: { always: true },
      description: 'Test',
      email: options.email ?? null,
      locale: options.locale ?? 'de',
    },
    { now: options.createdAt },
  );
  if (!result.ok) throw new Error(`Test report refused: ${JSON.stringify(result)}`);
  const changes: Partial<Report> = {};
  if (options.status) changes.status = options.status;
  if (options.ref) changes.ref = options.ref;
  const [row] =
    Object.keys(changes).length > 0
      ? await db.update(reports).set(changes).where(eq(reports.ref, result.ref)).returning()
      : await db.select().from(reports).where(eq(reports.ref, result.ref));
  return row;
}
