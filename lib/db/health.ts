import { sql } from 'drizzle-orm';
import { env } from '@/lib/env';
import { getDatabase, resetDatabaseAfterFailure, type DbKind } from './client';

const HEALTH_TIMEOUT_MS = 3000;

/** A real round trip to the database, bounded in time so a hung connection reads as down. */
export async function checkDatabase(): Promise<{ ok: boolean; kind: DbKind }> {
  let kind: DbKind = env().DATABASE_URL ? 'postgres' : 'pglite';
  let timer: NodeJS.Timeout | undefined;
  try {
    const query = (async () => {
      const database = await getDatabase();
      kind = database.kind;
      await database.db.execute(sql`select 1`);
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('health check timed out')), HEALTH_TIMEOUT_MS);
    });
    await Promise.race([query, timeout]);
    return { ok: true, kind };
  } catch {
    resetDatabaseAfterFailure();
    return { ok: false, kind };
  } finally {
    clearTimeout(timer);
  }
}
