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

/** Production is PostgreSQL with NODE_ENV=production: no demo login may ever exist there. */
export function isProductionDatabase(): boolean {
  const e = env();
  return e.NODE_ENV === 'production' && Boolean(e.DATABASE_URL);
}

/** Adds the demo logins that are missing; returns how many were added. */
export async function seedDemoUsers(db: Db, options: { force?: boolean } = {}): Promise<number> {
  if (isProductionDatabase() && !options.force) {
    throw new Error('Refusing to add demo logins to a production database.');
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const added = await db
    .insert(users)
    .values(demoUsers.map((u) => ({ ...u, passwordHash })))
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  return added.length;
}
