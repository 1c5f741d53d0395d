import type { Db } from '@/lib/db/client';
import { open311Requests } from '@/lib/db/schema';

/**
 * The record of what an API key did: every report it created, with the token handed out for it
 * (open311_requests), next to the key's last_used_at (set by verifyApiKey). Enough to find every
 * report of a key that has leaked.
 *
 * TODO(audit): when the staff audit log (audit_log, DESIGN.md "Data") lands on main, also append
 * an entry here — actor: the API key (id, name), action 'open311.request.create', subject: the
 * report — so key activity shows beside staff activity. Reads (GET) need no key and are not logged.
 */
export async function recordApiKeyUse(
  db: Db,
  use: { apiKeyId: number; reportId: number; token: string; now?: Date },
): Promise<void> {
  await db.insert(open311Requests).values({
    reportId: use.reportId,
    apiKeyId: use.apiKeyId,
    token: use.token,
    createdAt: use.now ?? new Date(),
  });
}
