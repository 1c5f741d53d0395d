import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { reports } from './schema';

describe('the embedded database folder lock', () => {
  it('refuses a second process with a clear message and keeps the data', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pglite-')), 'db');
    const first = await openDatabase({ pgliteDir: dir });
    await first.db.execute(sql`create table survivors (n int)`);
    await first.db.execute(sql`insert into survivors values (42)`);

    // A second process (as a second `npm start` would be) tries the same folder.
    const second = spawnSync(
      'npx',
      ['tsx', '-e', `import('./lib/db/client').then(m => (m.openDatabase ?? m.default.openDatabase)({ pgliteDir: ${JSON.stringify(dir)} })).then(() => process.exit(0), e => { console.error(e.message); process.exit(3); })`],
      { encoding: 'utf8', env: { ...process.env }, timeout: 60_000 },
    );
    expect(second.status).toBe(3);
    expect(second.stderr).toContain(`The embedded database in ${dir} is in use by another process (pid ${process.pid})`);

    // The same process cannot open it twice either.
    await expect(openDatabase({ pgliteDir: dir })).rejects.toThrow(/in use by another process/);
    await first.close();

    // After the holder closed it, the folder opens again with its rows intact.
    const again = await openDatabase({ pgliteDir: dir });
    const rows = await again.db.execute(sql`select n from survivors`);
    expect(JSON.stringify(rows)).toContain('42');
    const [{ count }] = await again.db.select({ count: sql<number>`count(*)::int` }).from(reports);
    expect(count).toBe(0);
    await again.close();
  }, 90_000);

  it('takes over a lock left by a process that died', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pglite-')), 'db');
    const crashed = spawnSync('node', ['-e', `require('fs').writeFileSync(${JSON.stringify(`${dir}.lock`)}, '999999')`]);
    expect(crashed.status).toBe(0);
    const database = await openDatabase({ pgliteDir: dir });
    await database.close();
  }, 60_000);
});
