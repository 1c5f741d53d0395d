import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { sql } from 'drizzle-orm';
import postgres, { type Sql } from 'postgres';
import { env } from '@/lib/env';
import { lockDataDir } from './pglite-lock';
import * as schema from './schema';
import { ensureCityData } from './seed/city';
import { rowsOf } from './unnest';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  kind: DbKind;
  close: (options?: { immediately?: boolean }) => Promise<void>;
};

const migrationsFolder = resolve(process.cwd(), 'drizzle');

/** Any number; all instances of the app agree on it, so only one migrates at a time. */
const MIGRATION_LOCK_ID = 7_418_301;

export type OpenOptions = {
  /** postgres://… for PostgreSQL; otherwise PGlite in `pgliteDir` ('memory://' for tests). */
  url?: string;
  pgliteDir?: string;
  /** Apply migrations and load the city data (default true). */
  migrate?: boolean;
  /** Connections in the postgres.js pool. */
  max?: number;
};

/** Opens, migrates and loads city data. Most code calls getDb() instead. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    // A build that opened the database would corrupt a PGlite folder a running server holds.
    throw new Error('The database must not be opened during `next build`: make this page dynamic.');
  }
  if (options.migrate !== false) {
    // The city's folder, checked as the server checks it at start, before anything of it goes into
    // the database: districts.geojson is loaded only into a database without districts, so a wrong
    // file (another city's) would stay there after it was corrected. (Imported here: the check
    // reaches the district import, which reaches this module.)
    const { checkCityFiles } = await import('@/lib/city/check');
    checkCityFiles();
  }
  const opened = options.url ? openPostgres(options.url, options.max) : await openPglite(options.pgliteDir);
  kinds.set(databaseKey(opened.db), opened.kind);
  const database: Database = {
    ...opened,
    close: (closeOptions) => {
      closed.add(databaseKey(opened.db));
      return opened.close(closeOptions);
    },
  };
  if (options.migrate !== false) {
    try {
      await withMigrationLock(options.url, async () => {
        await migrateDatabase(database);
        await ensureCityData(database.db);
      });
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

/**
 * drizzle runs every query it was not given a name for as an unnamed statement, and postgres.js
 * describes an unnamed statement with parameters before it binds them: two round trips to the
 * database per query. Asked to prepare, postgres.js keeps each statement per connection (by its text
 * and parameter types) and sends later runs in one round trip, as it does by default.
 */
function preparing(client: Sql): Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, params?: unknown[], options?: object) => target.unsafe(query, params as never, { ...options, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const work = args.pop() as (inner: Sql) => unknown;
          return (Reflect.get(target, property) as (...a: unknown[]) => unknown)(...args, (inner: Sql) => work(preparing(inner)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

function openPostgres(url: string, max = 10): Database {
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 5 });
  const db = drizzlePostgres({ client: preparing(client), schema }) as unknown as Db;
  return { db, kind: 'postgres', close: (options) => client.end({ timeout: options?.immediately ? 0 : 5 }) };
}

async function openPglite(dir = env().PGLITE_DIR): Promise<Database> {
  const inMemory = dir.startsWith('memory://');
  let release = () => {};
  let dataDir: string | undefined;
  if (!inMemory) {
    dataDir = resolve(dir);
    mkdirSync(dirname(dataDir), { recursive: true });
    release = lockDataDir(dataDir);
  }
  try {
    // pg_trgm backs the inbox's text search (migration 0005 creates the extension).
    // (The options-object form: `new PGlite(undefined, options)` ignores the extensions.)
    // shared_buffers: PGlite's default of 128 MB is WASM memory the process keeps for good; 32 MB holds
    // a city's hot pages (the files themselves stay in the OS cache) and takes ~110 MB off the
    // server's resident memory.
    const client = new PGlite({ dataDir, extensions: { pg_trgm }, postgresqlconf: ['shared_buffers = 32MB'] });
    await client.waitReady;
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

async function migrateDatabase({ db, kind }: Database) {
  await refuseNewerSchema(db);
  if (kind === 'pglite') await migratePglite(db as never, { migrationsFolder });
  else await migratePostgres(db as never, { migrationsFolder });
}

/**
 * A database that a newer release has migrated has a schema this release does not know: drizzle's
 * migrator would find nothing to apply and let it run on it. Refused, with what to do (after a
 * rollback of the code without one of the database, say).
 */
async function refuseNewerSchema(db: Db) {
  const [{ table }] = rowsOf<{ table: string | null }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as "table"`));
  if (!table) return; // a new database
  const [{ last }] = rowsOf<{ last: string | null }>(await db.execute(sql`select max(created_at)::text as "last" from drizzle.__drizzle_migrations`));
  const journal = JSON.parse(readFileSync(resolve(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
  const known = Math.max(...journal.entries.map((entry) => entry.when));
  if (last !== null && Number(last) > known) {
    throw new Error(
      `The database was migrated by a newer release (its last migration is of ${new Date(Number(last)).toISOString()}, this release knows migrations up to ${new Date(known).toISOString()}). Start that release, or restore the backup made before the upgrade (README.md, "Upgrading").`,
    );
  }
}

/**
 * Several instances may start at once against one PostgreSQL: they migrate one after another,
 * serialised by an advisory lock held on a connection of its own.
 */
async function withMigrationLock(url: string | undefined, work: () => Promise<void>) {
  if (!url) return work();
  const lock = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await work();
  } finally {
    await lock.end({ timeout: 5 });
  }
}

/**
 * What a per-database cache is keyed by: the same for a database and every transaction on it
 * (drizzle hands a transaction its database's dialect object), different for two databases. A cache
 * keyed by the Db itself would miss in every transaction.
 */
export function databaseKey(db: Db): object {
  return (db as unknown as { dialect: object }).dialect;
}

const closed = new WeakSet<object>();
const kinds = new WeakMap<object, DbKind>();

/** Which driver a database (or a transaction in it) runs on; undefined for one not opened by openDatabase. */
export function databaseKind(db: Db): DbKind | undefined {
  return kinds.get(databaseKey(db));
}

/** True once the database was closed: background work for it (a timer that fires later) stops. */
export function databaseClosed(db: Db): boolean {
  return closed.has(databaseKey(db));
}

type Holder = { promise?: Promise<Database>; override?: Database };
const holder: Holder = ((globalThis as { __sicherheitsportalDb?: Holder }).__sicherheitsportalDb ??= {});

/** The app's database, opened (and migrated) on first use. The driver follows DATABASE_URL. */
export function getDatabase(): Promise<Database> {
  if (holder.override) return Promise.resolve(holder.override);
  if (!holder.promise) {
    const e = env();
    holder.promise = openDatabase({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR })
      .then(async (database) => {
        // SEED_DEMO=1 (browser tests): demo data into a new database and the demo logins, in the one
        // process that holds the database. Only on the embedded database (lib/env.ts refuses it
        // with DATABASE_URL, and seedDemoUsers once more).
        if (e.SEED_DEMO === '1') {
          try {
            const { seedDemoUsers } = await import('./seed/demo-users');
            const { isEmpty, seedDemoData } = await import('./seed/demo');
            await seedDemoUsers(database.db); // first: it refuses production before anything is written
            if (await isEmpty(database.db)) await seedDemoData(database.db);
          } catch (error) {
            await database.close();
            throw error;
          }
        }
        return database;
      })
      .catch((error) => {
        holder.promise = undefined; // try again on the next request, e.g. once PostgreSQL is back
        throw error;
      });
  }
  return holder.promise;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Tests install their own database (a fresh PGlite or PostgreSQL schema) here. */
export function setDatabaseForTests(database: Database | undefined) {
  holder.override = database;
}

let lastReset = 0;

/**
 * After the database went away (a restart, a failover), drop the connection pool so the next
 * request connects afresh instead of waiting on sockets that died with the old server; queries
 * still pending on them are failed at once. At most once a second, and only for PostgreSQL.
 */
export function resetDatabaseAfterFailure() {
  const promise = holder.promise;
  if (!promise || holder.override || Date.now() - lastReset < 1000) return;
  lastReset = Date.now();
  promise
    .then((database) => {
      if (database.kind !== 'postgres' || holder.promise !== promise) return;
      holder.promise = undefined;
      return database.close({ immediately: true });
    })
    .catch(() => {});
}

export async function closeDatabase() {
  const promise = holder.promise;
  holder.promise = undefined;
  if (promise) await (await promise).close();
}
