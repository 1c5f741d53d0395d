import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { findUserByEmail } from '@/lib/auth/users';
import { createTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { resetEnvCache } from '@/lib/env';
import { DEMO_PASSWORD, demoUsers, seedDemoUsers } from './demo-users';

describe('demo staff logins', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await database.drop();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvCache();
  });

  it('adds one login per role with the documented password, once', async () => {
    expect(await seedDemoUsers(database.db)).toBe(4);
    expect(await seedDemoUsers(database.db)).toBe(0);
    expect(demoUsers.map((u) => [u.email, u.roles])).toEqual([
      ['admin@example.org', ['admin']],
      ['triage@example.org', ['triage']],
      ['police@example.org', ['police']],
      ['coordinator@example.org', ['coordinator']],
    ]);
    const admin = await findUserByEmail(database.db, 'admin@example.org');
    expect(await verifyPassword(admin!.passwordHash!, DEMO_PASSWORD)).toBe(true);
  });

  it('refuses PostgreSQL, whatever NODE_ENV says, unless forced', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    vi.stubEnv('DATABASE_URL', 'postgres://portal@db.stadt.example/portal');
    resetEnvCache();
    await expect(seedDemoUsers(database.db)).rejects.toThrow('Refusing to add demo data or the demo logins to PostgreSQL (DATABASE_URL is set)');
    // Forced (npm run db:seed -- --force): the logins that are missing, here none.
    expect(await seedDemoUsers(database.db, { force: true })).toBe(0);
  });
});
