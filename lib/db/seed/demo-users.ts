import { hashPassword } from '@/lib/auth/password';
import { env } from '@/lib/env';
import type { Db } from '../client';
import { users, type StaffRole } from '../schema';

/**
 * The demo staff logins (DESIGN.md, "Contracts": demo data). The password is published in the
 * README, so the password policy refuses it for real accounts; these are inserted directly.
 */
export const DEMO_PASSWORD = 'Demo-Passwort-2026';

export const demoUsers: { email: string; name: string; roles: StaffRole[] }[] = [
  { email: 'admin@example.org', name: 'Demo Administration', roles: ['admin'] },
  { email: 'triage@example.org', name: 'Demo Ordnungsamt', roles: ['triage'] },
  { email: 'police@example.org', name: 'Demo Polizei', roles: ['police'] },
  { email: 'coordinator@example.org', name: 'Demo Koordination', roles: ['coordinator'] },
];

/**
 * Demo data and the demo logins go only into the embedded database (DESIGN.md, "Demo data"),
 * whatever NODE_ENV says: production runs on PostgreSQL, and an operator's shell need not set
 * NODE_ENV for a command. Only `npm run db:seed -- --force` puts them into PostgreSQL.
 */
export function isPostgresDatabase(): boolean {
  return Boolean(env().DATABASE_URL);
}

export const DEMO_REFUSED = 'Refusing to add demo data or the demo logins to PostgreSQL (DATABASE_URL is set): they go only into the embedded database';

/** Adds the demo logins that are missing; returns how many were added. */
export async function seedDemoUsers(db: Db, options: { force?: boolean } = {}): Promise<number> {
  if (isPostgresDatabase() && !options.force) throw new Error(`${DEMO_REFUSED}.`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const added = await db
    .insert(users)
    .values(demoUsers.map((u) => ({ ...u, passwordHash })))
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  return added.length;
}
