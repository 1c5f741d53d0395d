import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db/client';
import { districts, outbox, users } from '@/lib/db/schema';

// The README's commands for operators (npm run apikey:…, priorities:recompute), as a shell script
// calls them: on a new embedded database of their own, judged by their output and exit code.
const dir = mkdtempSync(join(tmpdir(), 'cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tsx = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;

/** Runs a command; `settings` are added to the environment, and `cwd` is where it runs (default: the project). */
function runWith(options: { settings?: Record<string, string>; cwd?: string }, script: string, ...args: string[]) {
  const env: Record<string, string | undefined> = { ...process.env, PGLITE_DIR: join(dir, 'pglite'), TSX_TSCONFIG_PATH: resolve('tsconfig.json') };
  // As an operator's shell has it: no database named, and not vitest's NODE_ENV=test (with which
  // the environment files' loader reads .env.test* instead).
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  Object.assign(env, options.settings);
  const answer = spawnSync(process.execPath, ['--import', tsx, resolve(`scripts/${script}.ts`), ...args], { encoding: 'utf8', env: env as NodeJS.ProcessEnv, cwd: options.cwd, timeout: 60_000 });
  return { status: answer.status, out: answer.stdout, err: answer.stderr };
}

const run = (script: string, ...args: string[]) => runWith({}, script, ...args);

describe('the operators\u2019 commands', () => {
  it('list no API keys with a hint, create one, revoke it, and fail to revoke it twice', () => {
    expect(run('apikey-revoke', '--list')).toMatchObject({ status: 0, out: expect.stringContaining('No API keys yet.') });
    const created = run('apikey-create', '--name', 'Mängelmelder');
    expect(created.status).toBe(0);
    const id = /API key #(\d+)/.exec(created.out)?.[1];
    expect(id).toBeDefined();
    expect(run('apikey-revoke', '--list').out).toMatch(new RegExp(`#${id}\\s.*Mängelmelder\\s+\\(active, never used\\)`));
    expect(run('apikey-revoke', '--id', id!)).toMatchObject({ status: 0, out: `Revoked API key #${id}.\n` });
    // A script that revokes must learn that nothing happened.
    expect(run('apikey-revoke', '--id', id!)).toMatchObject({ status: 1, err: expect.stringContaining(`No active API key #${id}: nothing was revoked`) });
    expect(run('apikey-revoke', '--id', '999')).toMatchObject({ status: 1 });
    // --help answers with the usage, as user:create's does.
    expect(run('apikey-create', '--help')).toMatchObject({ status: 0, out: expect.stringContaining('Usage: npm run apikey:create -- --name') });
    expect(run('apikey-revoke', '-h')).toMatchObject({ status: 0, out: expect.stringContaining('Usage: npm run apikey:revoke -- --id') });
  }, 120_000);

  it('refuse an option they do not know instead of doing something else', () => {
    // A mistyped --if-needed must not run a full recomputation.
    const mistyped = run('priorities-recompute', '--if-neded');
    expect(mistyped.status).toBe(1);
    expect(mistyped.err).toContain("Unknown option '--if-neded'");
    expect(mistyped.out).toBe('');
    expect(run('db-seed', '--forse')).toMatchObject({ status: 1, err: expect.stringContaining("Unknown option '--forse'") });
    expect(run('priorities-recompute', '--if-needed').status).toBe(0);
    expect(run('retention-run', '--dry-run')).toMatchObject({ status: 1, err: expect.stringContaining("Unknown option '--dry-run'") });
  }, 120_000);

  it('read the environment files as npm start does, and say which database they work on', () => {
    expect(run('apikey-revoke', '--list').err).toContain(`Database: embedded (PGlite) in ${join(dir, 'pglite')}`);
    // A DATABASE_URL kept in .env.production.local, as for npm start: not a new embedded database instead.
    const project = mkdtempSync(join(tmpdir(), 'cli-env-'));
    try {
      writeFileSync(join(project, '.env.production.local'), 'DATABASE_URL=postgres://someone:secret@127.0.0.1:9/from-the-file\n');
      const answer = runWith({ cwd: project }, 'apikey-revoke', '--list');
      expect(answer.status).toBe(1);
      expect(answer.err).toContain('Database: PostgreSQL at 127.0.0.1:9/from-the-file');
      expect(answer.err).not.toContain('secret');
      // npm run demo, which puts demo data in, refuses it there as in the environment.
      expect(runWith({ cwd: project }, 'demo')).toMatchObject({ status: 1, err: expect.stringContaining('npm run demo runs on the embedded database') });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 120_000);

  it('tell cron when the outbox could send nothing', async () => {
    expect(run('db-migrate').status).toBe(0);
    // A message waiting, written while no command holds the embedded database.
    const database = await openDatabase({ pgliteDir: join(dir, 'pglite'), migrate: false });
    await database.db.insert(outbox).values({ to: 'anwohnerin@example.org', subject: 'Test', textBody: '.', kind: 'confirmed' });
    await database.close();
    const smtpAway = { SMTP_HOST: '127.0.0.1', SMTP_PORT: '9', SMTP_FROM: 'portal@example.org' };
    const answer = runWith({ settings: smtpAway }, 'outbox-process');
    expect(answer.status).toBe(1);
    expect(answer.out).toContain('Outbox: 0 sent, 1 to retry later, 0 failed for good.');
    expect(answer.err).toContain('No message could be sent');
    // Nothing to send is no failure.
    expect(runWith({ settings: smtpAway }, 'outbox-process').status).toBe(0);
  }, 120_000);

  it('make a deactivated staff account usable again when it is created anew', async () => {
    const args = ['--email', 'gesperrt@stadt.example', '--role', 'admin', '--no-password'];
    expect(run('user-create', ...args).out).toContain('Created gesperrt@stadt.example (admin) without a password (OIDC only)');
    const database = await openDatabase({ pgliteDir: join(dir, 'pglite'), migrate: false });
    await database.db.update(users).set({ active: false }).where(eq(users.email, 'gesperrt@stadt.example'));
    await database.close();
    expect(run('user-create', ...args).out).toContain('Updated gesperrt@stadt.example (admin) without a password (OIDC only), active again');
    const again = await openDatabase({ pgliteDir: join(dir, 'pglite'), migrate: false });
    try {
      expect((await again.db.select({ active: users.active }).from(users).where(eq(users.email, 'gesperrt@stadt.example')))[0].active).toBe(true);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('check the city\u2019s folder before anything of it goes into the database, as the server does at start', async () => {
    // Another city copied from Lünen's folder, with only city.json changed: Lünen's districts lie
    // outside its bounds.
    const project = mkdtempSync(join(tmpdir(), 'cli-city-'));
    try {
      symlinkSync(resolve('drizzle'), join(project, 'drizzle'));
      const folder = join(project, 'cities', 'bergkamen');
      mkdirSync(join(project, 'cities'));
      cpSync(resolve('cities/luenen'), folder, { recursive: true });
      const city = JSON.parse(readFileSync(join(folder, 'city.json'), 'utf8'));
      const bergkamen = { ...city, name: 'Bergkamen', refPrefix: 'BGK', center: { lat: 51.615, lon: 7.635 }, bounds: { minLat: 51.57, minLon: 7.58, maxLat: 51.66, maxLon: 7.72 } };
      const settings = { CITY: 'bergkamen', PGLITE_DIR: join(project, 'pglite') };
      const migrate = () => runWith({ cwd: project, settings }, 'db-migrate');

      writeFileSync(join(folder, 'city.json'), JSON.stringify({ ...bergkamen, timeZone: 'Europe/Bergkamen' }));
      expect(migrate()).toMatchObject({ status: 1, err: expect.stringContaining('cities/bergkamen/city.json: timeZone: not a time zone') });

      writeFileSync(join(folder, 'city.json'), JSON.stringify(bergkamen));
      const refused = migrate();
      expect(refused.status).toBe(1);
      expect(refused.err).toMatch(/cities\/bergkamen\/districts\.geojson: feature 1 \(luenen-mitte\): outside_city/);
      expect(refused.out).toBe('');

      // Corrected, the file's districts are the ones the database gets.
      const square = [[7.6, 51.6], [7.65, 51.6], [7.65, 51.63], [7.6, 51.63], [7.6, 51.6]];
      writeFileSync(join(folder, 'districts.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { slug: 'mitte', name: 'Mitte' }, geometry: { type: 'Polygon', coordinates: [square] } }] }));
      expect(migrate().status).toBe(0);
      const database = await openDatabase({ pgliteDir: settings.PGLITE_DIR, migrate: false });
      try {
        expect((await database.db.select({ slug: districts.slug }).from(districts)).map((d) => d.slug)).toEqual(['mitte']);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 120_000);

  it('say why a migration failed: the database\u2019s own error, not only the statement', async () => {
    // A database the first migration cannot run in: a table of its name is there already.
    const pgliteDir = join(dir, 'taken');
    const taken = await openDatabase({ pgliteDir, migrate: false });
    await taken.db.execute(sql`create table categories (id int)`);
    await taken.close();
    const answer = runWith({ settings: { PGLITE_DIR: pgliteDir } }, 'db-migrate');
    expect(answer.status).toBe(1);
    expect(answer.err).toContain('relation "categories" already exists (in: CREATE TABLE "categories"');
    // The statement's values are never printed (README, "Logs").
    expect(answer.err).not.toContain('params:');
  }, 120_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('say why a migration failed on PostgreSQL, e.g. a role that may not create anything', async () => {
    const name = `sp_test_norights_${randomBytes(4).toString('hex')}`;
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create role ${name} login`);
    await admin.unsafe(`create database ${name}`); // owned by the administrator, not by the role
    try {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.username = name;
      url.password = '';
      url.pathname = `/${name}`;
      const answer = runWith({ settings: { DATABASE_URL: url.toString() } }, 'db-migrate');
      expect(answer.status).toBe(1);
      expect(answer.err).toMatch(/permission denied for (database|schema) /);
      expect(answer.err).not.toContain('params:');
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`drop role if exists ${name}`);
      await admin.end();
    }
  }, 120_000);

  it('keep demo data and the demo logins out of PostgreSQL, whatever NODE_ENV says', () => {
    const postgres = { DATABASE_URL: 'postgres://127.0.0.1:9/production' };
    const seeded = runWith({ settings: postgres }, 'db-seed');
    expect(seeded.status).toBe(1);
    // Refused before connecting: the database (here none) is never asked.
    expect(seeded.err).toContain('Refusing to add demo data or the demo logins to PostgreSQL (DATABASE_URL is set)');
    expect(seeded.err).not.toContain('ECONNREFUSED');
    const demo = runWith({ settings: postgres }, 'demo');
    expect(demo).toMatchObject({ status: 1, err: expect.stringContaining('npm run demo runs on the embedded database') });
  }, 120_000);
});
