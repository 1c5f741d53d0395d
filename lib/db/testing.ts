import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, setDatabaseForTests, type Database, type DbKind } from './client';

/**
 * The databases integration tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
 * Each test file gets a fresh database of its own, dropped afterwards, so runs never see each
 * other's rows.
 */
export function testDatabaseKinds(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export type TestDatabase = Database & { url?: string; drop: () => Promise<void> };

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ pgliteDir: 'memory://' });
    return { ...database, drop: database.close };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `sp_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), max: 5 });
  return {
    ...database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Installs a fresh database as the app's database for the duration of a describe block. */
export async function useTestDatabase(kind: DbKind): Promise<TestDatabase> {
  const database = await createTestDatabase(kind);
  setDatabaseForTests(database);
  return {
    ...database,
    drop: async () => {
      setDatabaseForTests(undefined);
      await database.drop();
    },
  };
}
