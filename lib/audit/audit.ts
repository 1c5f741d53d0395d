import type { Db } from '@/lib/db/client';
import { auditLog } from '@/lib/db/schema';

/** Who did it: a staff user, or null for the system and an operator's command-line tool. */
export type AuditActor = { id: number } | null;

export type AuditState = Record<string, unknown> | null;

/**
 * Keys whose values never go into the audit log, whatever a caller passes: the log is read by
 * admins and kept long, so it must not become a second copy of a secret.
 */
const secretKeys = new Set(['password', 'passwordHash', 'password_hash', 'secret', 'token']);

function withoutSecrets(state: AuditState): AuditState {
  if (!state) return null;
  return Object.fromEntries(Object.entries(state).filter(([key]) => !secretKeys.has(key)));
}

/**
 * Records one staff change (DESIGN.md, "Privacy rules": every staff change is in the audit log).
 * Pass the transaction when the change runs in one, so the entry stands or falls with it.
 */
export async function audit(
  db: Db,
  actor: AuditActor,
  action: string,
  entity: string,
  entityId: string | number | null,
  before: AuditState,
  after: AuditState,
) {
  await db.insert(auditLog).values({
    actorId: actor?.id ?? null,
    action,
    entity,
    entityId: entityId === null ? null : String(entityId),
    before: withoutSecrets(before),
    after: withoutSecrets(after),
  });
}
