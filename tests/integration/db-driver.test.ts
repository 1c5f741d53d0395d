// What the data layer relies on from the drivers: rows sent through unnestRows arrive exactly as
// given, and per-database caches see a database and its transactions as one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKey, openDatabase } from '@/lib/db/client';
import { createTestDatabase, testDatabaseKinds, useTestDatabase, type TestDatabase } from '@/lib/db/testing';
import { rowsOf, unnestRows } from '@/lib/db/unnest';

const awkward = ['plain', '', 'NULL', 'a "quoted" word', 'back\\slash', '\\"', 'comma, {brace}', 'line\nbreak', 'Straße ğüşıöç', ' spaced '];

describe.each(testDatabaseKinds())('driver round trips on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await useTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('unnestRows brings texts, numbers, nulls, times and JSON back unchanged', async () => {
    const when = new Date('2026-11-26T20:45:12.345Z');
    const rows = awkward.map((text, i) => [text, i % 3 === 0 ? null : i * 1.5e-7, i % 2 ? null : { at: i, text }, when]);
    const answer = await database.db.execute(
      sql`select * from (${unnestRows(
        [
          ['text', 'text'],
          ['number', 'float8'],
          ['doc', 'jsonb'],
          ['at', 'timestamptz'],
        ],
        rows,
      )}) as u`,
    );
    const back = rowsOf<{ text: string; number: number | null; doc: unknown; at: unknown }>(answer);
    expect(back.map((r) => r.text)).toEqual(awkward);
    expect(back.map((r) => (r.number === null ? null : Number(r.number)))).toEqual(rows.map((r) => r[1]));
    expect(back.map((r) => (typeof r.doc === 'string' ? JSON.parse(r.doc) : r.doc))).toEqual(rows.map((r) => r[2]));
    expect(back.every((r) => new Date(r.at as string).getTime() === when.getTime())).toBe(true);
  });

  it('a transaction shares its database cache key; another database does not', async () => {
    const other = await useTestDatabase(kind);
    try {
      const inside = await database.db.transaction(async (tx) => databaseKey(tx));
      expect(inside).toBe(databaseKey(database.db));
      expect(databaseKey(other.db)).not.toBe(databaseKey(database.db));
    } finally {
      await other.drop();
    }
  });
});

describe.each(testDatabaseKinds().filter((kind) => kind === 'postgres'))('statements on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await useTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('statements are prepared once per connection, so a repeat is one round trip', async () => {
    const prepared = await database.db.transaction(async (tx) => {
      for (const n of [1, 2]) await tx.execute(sql`select ${n}::int + 1 as repeat_me`);
      return rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from pg_prepared_statements where statement like '%as repeat_me'`))[0].n;
    });
    expect(prepared).toBe(1);
  });
});

describe.each(testDatabaseKinds())('a database that a newer release migrated, on %s', (kind) => {
  it('is refused at opening, with what to do, instead of run on a schema this release does not know', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'newer-schema-'));
    const first = kind === 'pglite' ? await openDatabase({ pgliteDir: join(folder, 'pglite') }) : await createTestDatabase('postgres');
    const again = () => (kind === 'pglite' ? openDatabase({ pgliteDir: join(folder, 'pglite') }) : openDatabase({ url: (first as TestDatabase).url!, max: 1 }));
    try {
      // The migration a later release would have added, a day after this release's last one.
      await first.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) select 'later', max(created_at) + 86400000 from drizzle.__drizzle_migrations`);
      if (kind === 'pglite') await first.close();
      await expect(again()).rejects.toThrow(/^The database was migrated by a newer release .* Start that release, or restore the backup/);
    } finally {
      await ('drop' in first ? (first as TestDatabase).drop() : Promise.resolve());
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
