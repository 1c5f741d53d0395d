// npm run test:resilience [-- --quick] — load and fault checks against the production build on the
// local PostgreSQL: no report lost or duplicated under load, 503 (never 500) while the database is
// down and recovery within 5 s after it returns, two instances sharing one database and one rate
// limit. Needs `npm run build` first and Debian's PostgreSQL binaries: it runs a PostgreSQL server of
// its own (a temporary cluster on port 5499) so that stopping it disturbs nobody else.
// Ends with `N passed, N failed`; writes test-results/resilience.json for .ci/run.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { startNextServer, waitHealthy } from './lib/next-server';

const quick = process.argv.includes('--quick');
// Overridable so that two runs on one machine (or a run beside other servers) do not collide.
const PG_PORT = Number(process.env.RESILIENCE_PG_PORT ?? 5499);
const adminUrl = `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`;
const dbName = `sp_resilience_${Date.now()}`;
const dbUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();
const ports = (process.env.RESILIENCE_PORTS ?? '3901,3902').split(',').map(Number);
const checks: { name: string; ok: boolean; detail: string }[] = [];

function check(name: string, ok: boolean, detail: string) {
  checks.push({ name, ok, detail });
  console.log(`${ok ? '✓' : '✗'} ${name} — ${detail}`);
}

const pgBin = join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql').sort().at(-1)!, 'bin');
const pgData = mkdtempSync(join(tmpdir(), 'sp-resilience-pg-'));
/** PostgreSQL refuses to run as root: the cluster belongs to the postgres user when we are root. */
const asPostgres = (command: string, args: string[]) =>
  process.getuid?.() === 0
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(pgBin, command), ...args], { stdio: 'ignore' })
    : execFileSync(join(pgBin, command), args, { stdio: 'ignore' });
const pg = (action: 'stop' | 'start') =>
  action === 'start'
    ? asPostgres('pg_ctl', ['-D', pgData, '-o', `-p ${PG_PORT} -k ${pgData} -c listen_addresses=127.0.0.1`, '-l', join(pgData, 'log'), '-w', 'start'])
    : asPostgres('pg_ctl', ['-D', pgData, '-m', 'fast', '-w', 'stop']);

function createCluster() {
  chmodSync(pgData, 0o777);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', pgData]);
  asPostgres('initdb', ['-D', pgData, '-A', 'trust', '-U', 'postgres']);
  pg('start');
}

function startServer(port: number, env: Record<string, string>): ChildProcess {
  return startNextServer(port, { DATABASE_URL: dbUrl, AUTH_SECRET: 'resilience-secret-0123456789abcdef', ...env }, { log: Boolean(process.env.RESILIENCE_LOG) });
}

type Outcome = { status: number; ref?: string; key: string; retryAfter: string | null; error?: string };

async function submit(port: number, key = randomUUID(), client = '198.51.100.1'): Promise<Outcome> {
  const body = {
    lat: 51.58 + Math.random() * 0.06,
    lon: 7.46 + Math.random() * 0.12,
    category: 'poor-lighting',
    feeling: 1 + Math.floor(Math.random() * 5),
    when: { always: true },
  };
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-forwarded-for': client },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await response.json().catch(() => ({}))) as { ref?: string; error?: string };
    return { status: response.status, ref: json.ref, key, retryAfter: response.headers.get('retry-after'), error: json.error };
  } catch (error) {
    return { status: 0, key, retryAfter: null, error: (error as Error).name };
  }
}

/** Clients that each submit reports and retry the same key until they get an answer they trust. */
async function load(portsToUse: number[], clients: number, perClient: number, outcomes: Outcome[]) {
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const key = randomUUID();
        const port = portsToUse[(c + i) % portsToUse.length];
        for (let attempt = 0; attempt < 40; attempt++) {
          const outcome = await submit(port, key);
          outcomes.push(outcome);
          if (outcome.status === 200 || outcome.status === 201) break;
          await new Promise((r) => setTimeout(r, outcome.retryAfter ? 250 : 100));
        }
      }
    }),
  );
}

async function main() {
  mkdirSync('test-results', { recursive: true });
  createCluster();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  // No rate limit for the load phases: the load comes from one machine.
  const servers = ports.map((port) => startServer(port, { REPORT_RATE_LIMIT_PER_HOUR: '0' }));
  const db = postgres(dbUrl, { max: 2, onnotice: () => {} });
  try {
    const up = await Promise.all(ports.map((p) => waitHealthy(p)));
    check('both instances start against one PostgreSQL', up.every(Boolean), `ports ${ports.join(', ')}`);

    // 1. Load on both instances, with retries of the same key: every accepted key is one row.
    const outcomes: Outcome[] = [];
    const clients = quick ? 16 : 64;
    const perClient = quick ? 10 : 40;
    await load(ports, clients, perClient, outcomes);
    const accepted = outcomes.filter((o) => o.status === 201 || o.status === 200);
    const keys = new Set(accepted.map((o) => o.key));
    const refs = new Set(accepted.map((o) => o.ref));
    const [{ n: rows }] = await db<{ n: number }[]>`select count(*)::int as n from reports`;
    check('no report lost or doubled under load', keys.size === clients * perClient && refs.size === keys.size && rows === keys.size, `${keys.size} keys accepted, ${refs.size} refs, ${rows} rows`);
    check('no 500 under load', !outcomes.some((o) => o.status >= 500), `${outcomes.length} requests`);

    // 2. The database goes away in the middle of the load, and comes back.
    const during: Outcome[] = [];
    const loadPromise = load([ports[0]], quick ? 4 : 16, quick ? 10 : 30, during);
    await new Promise((r) => setTimeout(r, 500));
    pg('stop');
    const whileDown: Outcome[] = [];
    for (let i = 0; i < 10; i++) whileDown.push(await submit(ports[0]));
    const returnedAt = Date.now();
    pg('start');
    let recoveredAt = 0;
    while (Date.now() - returnedAt < 15_000) {
      const outcome = await submit(ports[0]);
      if (outcome.status === 201) {
        recoveredAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await loadPromise;
    check(
      'while the database is down: 503 with Retry-After, never 500 or 201',
      whileDown.every((o) => o.status === 503 && o.retryAfter !== null),
      `statuses ${whileDown.map((o) => `${o.status}${o.error ? ` ${o.error}` : ''}`).join(', ')}`,
    );
    const recovery = recoveredAt ? (recoveredAt - returnedAt) / 1000 : Infinity;
    check('submissions succeed within 5 s of the database returning, without a restart', recovery <= 5, `${recovery.toFixed(1)} s`);
    const all = [...outcomes, ...during];
    const acceptedAll = all.filter((o) => o.status === 201 || o.status === 200);
    const [{ n: rowsAfter }] = await db<{ n: number }[]>`select count(*)::int as n from reports where source = 'web'`;
    const acceptedKeys = new Set(acceptedAll.map((o) => o.key)).size + (recoveredAt ? 1 : 0);
    check('every 201 is exactly one row after the outage', rowsAfter === acceptedKeys, `${acceptedKeys} accepted, ${rowsAfter} rows`);
    const failures = during.filter((o) => o.status >= 500 && o.status !== 503);
    check('no 500 during the outage', failures.length === 0, `${during.length} requests${failures.length ? `; ${failures.map((o) => `${o.status} ${o.error}`).join(', ')}` : ''}`);

    // 3. One rate limit across instances: counters live in PostgreSQL.
    servers.forEach((s) => process.kill(-s.pid!, 'SIGTERM'));
    await new Promise((r) => setTimeout(r, 1000));
    const limited = ports.map((port) => startServer(port, { REPORT_RATE_LIMIT_PER_HOUR: '5' }));
    servers.splice(0, servers.length, ...limited);
    await Promise.all(ports.map((p) => waitHealthy(p)));
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await submit(ports[i % 2], randomUUID(), '203.0.113.77')).status);
    check('the rate limit holds across instances', statuses.filter((s) => s === 201).length === 5 && statuses.slice(5).every((s) => s === 429), statuses.join(' '));
  } finally {
    servers.forEach((s) => {
      try {
        process.kill(-s.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    });
    try {
      pg('start');
    } catch {
      // already running
    }
    await db.end({ timeout: 1 }).catch(() => {});
    await new Promise((r) => setTimeout(r, 1000));
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
    try {
      pg('stop');
    } catch {
      // already stopped
    }
    rmSync(pgData, { recursive: true, force: true });
  }
  const passed = checks.filter((c) => c.ok).length;
  const failed = checks.length - passed;
  writeFileSync('test-results/resilience.json', JSON.stringify({ passed, failed, checks }, null, 2));
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error: Error) => {
  console.error(error);
  writeFileSync('test-results/resilience.json', JSON.stringify({ passed: 0, failed: 1, error: error.message }));
  console.log('\n0 passed, 1 failed');
  process.exit(1);
});
