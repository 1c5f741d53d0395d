import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { adminNameSchema } from '@/lib/admin/names';
import { audit, type AuditActor } from '@/lib/audit/audit';
import type { Db } from '@/lib/db/client';
import { users, type User } from '@/lib/db/schema';
import { checkPasswordPolicy, hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';
import { staffRoles } from './roles';
import { findUserByEmail, normalizeEmail, saveUser, sortRoles } from './users';

/**
 * What an admin does to staff accounts (staff area, Administration → Users). Every change is
 * audited in its own transaction; deactivating and password changes end the user's sessions at
 * their next request (session_version). An admin cannot lock the portal out of its own
 * administration: the last active admin keeps the role and stays active, and nobody removes
 * their own admin role or deactivates themselves.
 */

/** Field error codes; messages live in messages/*.json under admin.errors. */
export type UserFieldErrors = Partial<Record<'name' | 'email' | 'roles' | 'password' | 'form', string>>;
export type UserAdminResult<T = User> = { ok: true; user: T } | { ok: false; fields: UserFieldErrors };

const rolesSchema = z.array(z.enum(staffRoles, { error: 'roles_invalid' })).max(staffRoles.length, { error: 'roles_invalid' });

export const newUserSchema = z
  .object({
    name: adminNameSchema,
    email: z
      .string()
      .trim()
      .min(1, { error: 'email_required' })
      .max(254, { error: 'email_invalid' })
      .pipe(z.email({ error: 'email_invalid' })),
    roles: rolesSchema,
    /** 'password': the admin sets an initial password; 'oidc': the user signs in only through the identity provider. */
    signIn: z.enum(['password', 'oidc'], { error: 'sign_in_invalid' }),
    password: z.string().max(PASSWORD_MAX_LENGTH * 4).optional(),
  })
  // The password policy is part of the schema, so that the form names every problem at once.
  .superRefine((input, ctx) => {
    if (input.signIn !== 'password') return;
    const problem = input.password ? passwordProblem(input.password, normalizeEmail(input.email)) : 'password_required';
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type NewUserInput = z.output<typeof newUserSchema>;

export const userDetailsSchema = z.object({ name: adminNameSchema, roles: rolesSchema });
export type UserDetailsInput = z.output<typeof userDetailsSchema>;

function passwordProblem(password: string, email: string): string | null {
  const problem = checkPasswordPolicy(password, { email });
  return problem ? `password_${problem}` : null;
}

export async function createStaffUser(db: Db, actor: AuditActor, input: NewUserInput): Promise<UserAdminResult> {
  const email = normalizeEmail(input.email);
  if (await findUserByEmail(db, email)) return { ok: false, fields: { email: 'email_taken' } };
  let passwordHash: string | undefined;
  // newUserSchema has checked the password against the policy.
  if (input.signIn === 'password') passwordHash = await hashPassword(input.password!);
  const { user, created } = await saveUser(db, actor, { email, name: input.name, roles: input.roles, passwordHash });
  // Two admins creating the same address at once: the second one updated instead. Say so.
  if (!created) return { ok: false, fields: { email: 'email_taken' } };
  return { ok: true, user };
}

/** Active admins other than `exceptId`: there must always be one left. */
async function otherActiveAdmins(tx: Db, exceptId: number): Promise<number> {
  const [{ count }] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.active, true), sql`'admin' = any(${users.roles})`, ne(users.id, exceptId)));
  return count;
}

/** Serialises admin changes, so two admins demoting each other at once cannot both succeed. */
async function lockAdmins(tx: Db) {
  await tx.select({ id: users.id }).from(users).where(sql`'admin' = any(${users.roles})`).for('update');
}

export async function updateStaffUser(db: Db, actor: { id: number }, id: number, input: UserDetailsInput): Promise<UserAdminResult> {
  const roles = sortRoles(input.roles);
  return db.transaction(async (tx) => {
    await lockAdmins(tx);
    const [existing] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!existing) return { ok: false, fields: { form: 'user_not_found' } } as const;
    const losesAdmin = existing.roles.includes('admin') && !roles.includes('admin');
    if (losesAdmin && existing.id === actor.id) return { ok: false, fields: { roles: 'own_admin_role' } } as const;
    if (losesAdmin && existing.active && (await otherActiveAdmins(tx, existing.id)) === 0) {
      return { ok: false, fields: { roles: 'last_admin' } } as const;
    }
    const name = input.name.trim();
    const [user] = await tx.update(users).set({ name, roles }).where(eq(users.id, id)).returning();
    if (sortRoles(existing.roles).join() !== roles.join()) {
      await audit(tx, actor, 'user.roles_changed', 'user', id, { roles: sortRoles(existing.roles) }, { roles });
    }
    if (existing.name !== name) await audit(tx, actor, 'user.updated', 'user', id, { name: existing.name }, { name });
    return { ok: true, user } as const;
  });
}

export async function setStaffUserActive(db: Db, actor: { id: number }, id: number, active: boolean): Promise<UserAdminResult> {
  return db.transaction(async (tx) => {
    await lockAdmins(tx);
    const [existing] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!existing) return { ok: false, fields: { form: 'user_not_found' } } as const;
    if (existing.active === active) return { ok: true, user: existing } as const;
    if (!active && existing.id === actor.id) return { ok: false, fields: { form: 'own_account' } } as const;
    if (!active && existing.roles.includes('admin') && (await otherActiveAdmins(tx, existing.id)) === 0) {
      return { ok: false, fields: { form: 'last_admin' } } as const;
    }
    const [user] = await tx
      .update(users)
      // Deactivating ends every session at its next request (auth.ts compares the version).
      .set({ active, ...(active ? {} : { sessionVersion: sql`${users.sessionVersion} + 1` }) })
      .where(eq(users.id, id))
      .returning();
    await audit(tx, actor, active ? 'user.reactivated' : 'user.deactivated', 'user', id, { active: existing.active }, { active });
    return { ok: true, user } as const;
  });
}

/**
 * Sets a new password chosen by the admin (checked by the policy), or removes it (`null`: the user
 * then signs in only through the identity provider). Either way the user's sessions end.
 */
export async function resetStaffUserPassword(db: Db, actor: { id: number }, id: number, password: string | null): Promise<UserAdminResult> {
  const [existing] = await db.select().from(users).where(eq(users.id, id));
  if (!existing) return { ok: false, fields: { form: 'user_not_found' } };
  let passwordHash: string | null = null;
  if (password !== null) {
    const problem = passwordProblem(password, existing.email);
    if (problem) return { ok: false, fields: { password: problem } };
    passwordHash = await hashPassword(password);
  }
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, id))
      .returning();
    // The audit log records that it happened, never the password or its hash (lib/audit/audit.ts).
    await audit(
      tx,
      actor,
      password === null ? 'user.password_removed' : 'user.password_reset',
      'user',
      id,
      { hasPassword: existing.passwordHash !== null },
      { hasPassword: password !== null },
    );
    return { ok: true, user } as const;
  });
}

/** What the user forms in the browser need to know of the rules kept here (they cannot import this module). */
export function userFormContext() {
  return { roles: [...staffRoles], passwordLength: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH } };
}
