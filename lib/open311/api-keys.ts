import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { adminNameSchema } from '@/lib/admin/names';
import { audit, type AuditActor } from '@/lib/audit/audit';
import type { Db } from '@/lib/db/client';
import { apiKeys } from '@/lib/db/schema';

/** Shown in lists so people can tell keys apart; far too short to guess the rest from. */
const PREFIX_LENGTH = 8;
/** Longer inputs are not keys of ours; refused before hashing. */
const MAX_KEY_LENGTH = 200;
/** last_used_at is a hint for admins, not a log: write it at most once a minute per key. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * SHA-256 is enough here: our keys carry 192 random bits, so a leaked hash cannot be turned back
 * into a key by guessing, and unlike a keyed hash it survives a change of AUTH_SECRET.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export type ApiKeyInfo = {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

const infoColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

/**
 * A new key for an Open311 client. The plain key is in the result only: it is not stored and
 * cannot be shown again. `key` may be given for fixed demo keys; normally it is generated.
 * `actor` is the admin who created it (null: an operator's command-line tool); audited.
 */
export async function createApiKey(
  db: Db,
  options: { name: string; key?: string; now?: Date; actor?: AuditActor },
): Promise<ApiKeyInfo & { key: string }> {
  const parsed = adminNameSchema.safeParse(options.name);
  if (!parsed.success) throw new Error('An API key needs a name of 1 to 100 characters.');
  const name = parsed.data;
  const key = options.key ?? `sp_${randomBytes(24).toString('base64url')}`;
  if (key.length < 12 || key.length > MAX_KEY_LENGTH) throw new Error('An API key must be 12 to 200 characters long.');
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiKeys)
      .values({ name, keyHash: hashApiKey(key), prefix: key.slice(0, PREFIX_LENGTH), createdAt: options.now ?? new Date() })
      .returning(infoColumns);
    await audit(tx as unknown as Db, options.actor ?? null, 'api_key.created', 'api_key', created.id, null, {
      name: created.name,
      prefix: created.prefix,
    });
    return created;
  });
  return { ...row, key };
}

/** Revokes a key for good; true when it was active. Audited like creation. */
export async function revokeApiKey(db: Db, id: number, options: { now?: Date; actor?: AuditActor } = {}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(apiKeys)
      .set({ revokedAt: options.now ?? new Date() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name });
    if (rows.length === 0) return false;
    await audit(tx as unknown as Db, options.actor ?? null, 'api_key.revoked', 'api_key', id, { name: rows[0].name, revoked: false }, {
      name: rows[0].name,
      revoked: true,
    });
    return true;
  });
}

/** Every key, newest first, without hashes (the admin page and `npm run apikey:list`). */
export function listApiKeys(db: Db): Promise<ApiKeyInfo[]> {
  return db.select(infoColumns).from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/**
 * The active key matching `key`, or null. Marks the key as used (last_used_at, to the minute).
 * The comparison happens in the database on the hash, so its timing says nothing about the key.
 */
export async function verifyApiKey(
  db: Db,
  key: string | null | undefined,
  now = new Date(),
): Promise<{ id: number; name: string } | null> {
  if (!key || key.length > MAX_KEY_LENGTH) return null;
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, row.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS))),
      ),
    );
  return row;
}
