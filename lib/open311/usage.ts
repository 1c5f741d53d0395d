import { audit } from '@/lib/audit/audit';
import type { Db } from '@/lib/db/client';
import { open311Requests } from '@/lib/db/schema';

/**
 * The record of what an API key did. Every report it creates is linked to it, with the token
 * handed out (open311_requests), and written to the audit log beside staff changes — actor null
 * (not a staff user), the key named in the entry. With verifyApiKey's last_used_at, that is
 * enough to find every report of a key that has leaked. Call it in the creating transaction.
 * Reads (GET) are not logged; only browsing needs a key (handlers.ts). Refused requests store nothing.
 */
export async function recordApiKeyUse(
  db: Db,
  use: { apiKey: { id: number; name: string }; report: { id: number; ref: string }; token: string; now?: Date },
): Promise<void> {
  await db.insert(open311Requests).values({
    reportId: use.report.id,
    apiKeyId: use.apiKey.id,
    token: use.token,
    createdAt: use.now ?? new Date(),
  });
  await audit(db, null, 'open311.request_created', 'report', use.report.id, null, {
    ref: use.report.ref,
    source: 'open311',
    apiKeyId: use.apiKey.id,
    apiKeyName: use.apiKey.name,
  });
}
