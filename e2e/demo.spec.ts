import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

// The README's commands as an operator runs them, through npm: `npm run demo` (the quick start) and
// `npm start` (the production build), each on a new embedded database of its own, and how they stop.
// A signal to npm alone is how a container runtime stops its main process (`docker stop`).
const port = Number(process.env.E2E_DEMO_PORT ?? 3213);
const url = `http://127.0.0.1:${port}`;

async function answers(): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/health`)).ok;
  } catch {
    return false;
  }
}

/** Runs `npm <args>` in a new data folder, without the tests' own database; collects its output. */
function npm(args: string[], extraEnv: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'npm-run-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  Object.assign(env, { PORT: String(port), PGLITE_DIR: join(dir, 'pglite'), ...extraEnv });
  // A process group of its own, so that a failed test leaves nothing behind to hold the port.
  const child = spawn('npm', args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const run = { child, output: '', stopped: () => child.exitCode !== null || child.signalCode !== null };
  child.stdout.on('data', (chunk: Buffer) => (run.output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (run.output += chunk.toString()));
  const cleanUp = async () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
    await expect.poll(answers, { timeout: 15_000 }).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  };
  return { run, cleanUp };
}

/** SIGTERM to npm alone: what it ran, down to the server, must stop, or the port and the database stay taken. */
async function stopsOnSigterm(child: ChildProcess, stopped: () => boolean) {
  child.kill('SIGTERM');
  await expect.poll(stopped, { timeout: 15_000 }).toBe(true);
  await expect.poll(answers, { timeout: 15_000 }).toBe(false);
}

test('npm run demo serves the portal with its logins, and a SIGTERM to npm stops its server', async () => {
  test.setTimeout(180_000);
  const { run, cleanUp } = npm(['run', 'demo']);
  try {
    await expect.poll(() => run.output.includes('Stop it with Ctrl+C.') || run.stopped(), { timeout: 150_000, intervals: [500] }).toBe(true);
    expect(run.output).toContain('Stop it with Ctrl+C.');
    expect(run.output).toContain(`Sicherheitsportal is running at http://localhost:${port}`);
    expect(run.output).toMatch(/admin@example\.org\s+admin/);
    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Sicherheitsportal');
    await stopsOnSigterm(run.child, run.stopped);
  } finally {
    await cleanUp();
  }
});

test('npm run demo on a port in use says so at once, before building or seeding anything', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(port, resolve));
  const { run, cleanUp } = npm(['run', 'demo']);
  try {
    await expect.poll(run.stopped, { timeout: 30_000 }).toBe(true);
    expect(run.child.exitCode).toBe(1);
    expect(run.output).toContain(`Port ${port} is in use`);
    expect(run.output).not.toContain('demo data');
  } finally {
    holder.close();
    await cleanUp();
  }
});

test('npm start serves the build, with an empty variable counted as unset, and a SIGTERM to npm stops it', async () => {
  test.setTimeout(90_000);
  // `DATABASE_URL=` (an .env template, a compose file passing on an unset variable): the embedded database.
  const { run, cleanUp } = npm(['start', '--', '-p', String(port)], { DATABASE_URL: '', AUTH_URL: url });
  try {
    await expect.poll(async () => (await answers()) || run.stopped(), { timeout: 60_000, intervals: [500] }).toBe(true);
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', db: 'pglite' });
    await stopsOnSigterm(run.child, run.stopped);
  } finally {
    await cleanUp();
  }
});

test('npm start with a setting it cannot use stops at once and names it', async () => {
  test.setTimeout(240_000);
  const cases: [Record<string, string>, string][] = [
    [{ CITY: 'Lünen!' }, 'Invalid environment: CITY'],
    // A city without its folder, and production without an address Auth.js may use: no one could sign in.
    [{ CITY: 'atlantis', AUTH_URL: url }, 'cities/atlantis/city.json: missing (is CITY=atlantis right?)'],
    [{ AUTH_URL: '', AUTH_TRUST_HOST: '' }, 'AUTH_URL must be set'],
    // Auth.js would read "false" as true.
    [{ AUTH_TRUST_HOST: 'false' }, 'Invalid environment: AUTH_TRUST_HOST'],
    // An SMTP server without a sender: an outbox that would never send.
    [{ SMTP_HOST: '127.0.0.1', SMTP_FROM: '', AUTH_URL: url }, 'Invalid environment: SMTP_FROM: must be set when SMTP_HOST is'],
    // E-mail whose links would be paths without an address: no resident could open them.
    [{ SMTP_HOST: '127.0.0.1', SMTP_FROM: 'portal@example.org', AUTH_URL: '', AUTH_TRUST_HOST: 'true' }, 'AUTH_URL must be set when SMTP_HOST is'],
    // Demo logins have a published password: never on PostgreSQL, whatever NODE_ENV says.
    [{ SEED_DEMO: '1', DATABASE_URL: 'postgres://127.0.0.1:9/none', AUTH_URL: url }, 'SEED_DEMO: demo data and the demo logins go only into the embedded database'],
  ];
  for (const [settings, message] of cases) {
    const { run, cleanUp } = npm(['start', '--', '-p', String(port)], settings);
    try {
      await expect.poll(run.stopped, { timeout: 45_000 }).toBe(true);
      expect(run.child.exitCode, message).toBe(1);
      expect(run.output).toContain(`The server cannot start: `);
      expect(run.output).toContain(message);
      expect(await answers()).toBe(false);
    } finally {
      await cleanUp();
    }
  }
});
