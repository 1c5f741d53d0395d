import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';

/**
 * Runs a background job in one transaction, on one instance at a time: the others skip it
 * (a transaction-level advisory lock, released at commit, so a crashed run frees it too).
 */
export async function runExclusively<T>(db: Db, lockId: number, job: (tx: Db) => Promise<T>): Promise<T | null> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute(sql`select pg_try_advisory_xact_lock(${lockId}) as locked`);
    const first = (Array.isArray(rows) ? rows[0] : (rows as { rows: unknown[] }).rows[0]) as { locked: boolean };
    if (!first?.locked) return null;
    return job(tx as unknown as Db);
  });
}
