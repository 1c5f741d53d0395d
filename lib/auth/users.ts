import { asc, eq, sql } from 'drizzle-orm';
import { audit, type AuditActor } from '@/lib/audit/audit';
import type { Db } from '@/lib/db/client';
import { users, type StaffRole, type User } from '@/lib/db/schema';
import { staffRoles } from './roles';

/** E-mail addresses are compared and stored lower-case (the table's check constraint insists). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What may leave the server about a user: never the password hash or the session version. */
export type PublicUser = Pick<User, 'id' | 'email' | 'name' | 'roles' | 'active' | 'createdAt' | 'lastLoginAt'> & {
  hasPassword: boolean;
};

export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: sortRoles(user.roles),
    active: user.active,
    createdAt: user.createdAt,
    lastLoginAt: user.lastLoginAt,
    hasPassword: user.passwordHash !== null,
  };
}

/** Roles in the order of DESIGN.md's table, without repeats, so comparisons and displays agree. */
export function sortRoles(roles: readonly StaffRole[]): StaffRole[] {
  return staffRoles.filter((role) => roles.includes(role));
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, normalizeEmail(email)));
  return row;
}

export async function getUserById(db: Db, id: number): Promise<User | undefined> {
  if (!Number.isSafeInteger(id)) return undefined;
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function listUsers(db: Db): Promise<PublicUser[]> {
  const rows = await db.select().from(users).orderBy(asc(users.email));
  return rows.map(toPublicUser);
}

export async function countUsers(db: Db): Promise<number> {
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  return count;
}

export async function recordSignIn(db: Db, id: number, now = new Date()) {
  await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, id));
}

export async function replacePasswordHash(db: Db, id: number, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, id));
}

/** Ends every session of the user at its next request (sessions carry the version they began with). */
export async function endSessions(db: Db, id: number) {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id));
}

export type UserInput = {
  email: string;
  name?: string;
  roles: readonly StaffRole[];
  /** An argon2id hash (lib/auth/password.ts); leave out to keep the current one or to create an OIDC-only user. */
  passwordHash?: string;
  active?: boolean;
};

/**
 * Creates the user, or updates the one with this e-mail, and writes the audit log in the same
 * transaction. Changing the password or deactivating ends the user's sessions.
 */
export async function saveUser(db: Db, actor: AuditActor, input: UserInput): Promise<{ user: User; created: boolean }> {
  const email = normalizeEmail(input.email);
  const roles = sortRoles(input.roles);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(eq(users.email, email)).for('update');
    if (!existing) {
      const [user] = await tx
        .insert(users)
        .values({
          email,
          name: input.name?.trim() || email.split('@')[0],
          roles,
          passwordHash: input.passwordHash ?? null,
          active: input.active ?? true,
        })
        .returning();
      await audit(tx, actor, 'user.created', 'user', user.id, null, describe(user));
      return { user, created: true };
    }

    const changes: Partial<User> = {};
    if (input.name?.trim() && input.name.trim() !== existing.name) changes.name = input.name.trim();
    if (input.active !== undefined && input.active !== existing.active) changes.active = input.active;
    if (input.passwordHash) changes.passwordHash = input.passwordHash;
    const rolesChanged = roles.join() !== sortRoles(existing.roles).join();
    if (rolesChanged) changes.roles = roles;
    const endsSessions = changes.passwordHash !== undefined || changes.active === false;

    const [user] = await tx
      .update(users)
      .set({ ...changes, ...(endsSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}) })
      .where(eq(users.id, existing.id))
      .returning();
    if (rolesChanged) {
      await audit(tx, actor, 'user.roles_changed', 'user', user.id, { roles: sortRoles(existing.roles) }, { roles });
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (changes.name !== undefined) [before.name, after.name] = [existing.name, user.name];
    if (changes.active !== undefined) [before.active, after.active] = [existing.active, user.active];
    if (changes.passwordHash !== undefined) after.passwordChanged = true;
    if (Object.keys(after).length > 0) await audit(tx, actor, 'user.updated', 'user', user.id, before, after);
    return { user, created: false };
  });
}

function describe(user: User) {
  return { email: user.email, name: user.name, roles: sortRoles(user.roles), active: user.active, hasPassword: user.passwordHash !== null };
}
