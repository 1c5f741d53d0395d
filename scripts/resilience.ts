// npm run test:resilience [-- --quick] — load and fault checks against the production build on the
// local PostgreSQL: no report lost or duplicated under load, 503 (never 500) while the database is
// down and recovery within 5 s after it returns, and two instances sharing one database: background
// work (e-mail outbox, retention) done exactly once, one rate limit and one sign-in throttle —
// counted in PostgreSQL, then in Redis (RESILIENCE_REDIS_URL, default the local one).
// Needs `npm run build` first and Debian's PostgreSQL binaries: it runs a PostgreSQL server of its
// own (a temporary cluster, port RESILIENCE_PG_PORT, default 5499) so that stopping it disturbs
// nobody else; the app instances listen on RESILIENCE_APP_PORTS (default 3901,3902), and a local
// SMTP server on a free port receives the e-mail.
// Ends with `N passed, N failed`; writes test-results/resilience.json for .ci/run.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { SMTPServer } from 'smtp-server';
import { hashPassword } from '@/lib/auth/password';
import { startNextServer, stopNextServer, waitHealthy, waitStopped } from './lib/next-server';

const quick = process.argv.includes('--quick');
const PG_PORT = Number(process.env.RESILIENCE_PG_PORT ?? 5499);
const adminUrl = `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`;
const dbName = `sp_resilience_${Date.now()}`;
const dbUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();
/** The Redis of the REDIS_URL phase (the local one; keys of each run are its own). */
const redisUrl = process.env.RESILIENCE_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ports = (process.env.RESILIENCE_APP_PORTS ?? '3901,3902').split(',').map(Number);
if (ports.length !== 2 || !ports.every((p) => Number.isInteger(p) && p > 0)) throw new Error('RESILIENCE_APP_PORTS: two ports, e.g. 3901,3902');
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

const logDir = mkdtempSync(join(tmpdir(), 'sp-resilience-log-'));
const logOf = (port: number) => join(logDir, `${port}.log`);

/** What the server on `port` has written to its standard output so far ('' before its first line). */
function serverLog(port: number): string {
  try {
    return readFileSync(logOf(port), 'utf8');
  } catch {
    return '';
  }
}

/** A production server; its standard output goes to a log file the checks read (the outbox logs what it sent). */
function startServer(port: number, env: Record<string, string>): ChildProcess {
  const child = startNextServer(
    port,
    { DATABASE_URL: dbUrl, AUTH_SECRET: 'resilience-secret-0123456789abcdef', ...env },
    { log: Boolean(process.env.RESILIENCE_LOG), captureOutput: true },
  );
  const chunks: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    chunks.push(chunk.toString());
    writeFileSync(logOf(port), chunks.join(''));
  });
  return child;
}

/** A local SMTP server that counts the messages it receives per recipient. */
async function startMailSink() {
  const received = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        for (const rcpt of session.envelope.rcptTo) received.set(rcpt.address, (received.get(rcpt.address) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

/** Signs in through Auth.js's routes as a browser's form would; answers the error code it was sent back with, or 'ok'. */
async function signIn(port: number, email: string, password: string, client: string): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { 'x-forwarded-for': client } });
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': client },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/staff` }),
  });
  const location = new URL(response.headers.get('location') ?? '/', base);
  return location.searchParams.get('code') ?? location.searchParams.get('error') ?? (response.status === 302 ? 'ok' : String(response.status));
}

const until = async (condition: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
};


type Outcome = { status: number; ref?: string; key: string; retryAfter: string | null; error?: string };

/** A report somewhere in the city. A retry sends the same one again: another report under the same key is refused (422). */
function randomReport() {
  return {
    lat: 51.58 + Math.random() * 0.06,
    lon: 7.46 + Math.random() * 0.12,
    category: 'poor-lighting',
    feeling: 1 + Math.floor(Math.random() * 5),
    when: { always: true },
  };
}

async function submit(port: number, key = randomUUID(), client = '198.51.100.1', body = randomReport()): Promise<Outcome> {
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
        const report = randomReport();
        const port = portsToUse[(c + i) % portsToUse.length];
        for (let attempt = 0; attempt < 40; attempt++) {
          const outcome = await submit(port, key, undefined, report);
          outcomes.push(outcome);
          if (outcome.status === 200 || outcome.status === 201) break;
          await new Promise((r) => setTimeout(r, outcome.retryAfter ? 250 : 100));
        }
      }
    }),
  );
}

/**
 * One rate limit and one sign-in throttle across both instances (REPORT_RATE_LIMIT_PER_HOUR=5),
 * wherever their counters live. A fresh client address and account per call, so earlier counters
 * (another phase, an earlier run's Redis keys) cannot decide the outcome. With Redis the database's
 * rate_limits table must not grow.
 */
async function sharedLimits(store: 'PostgreSQL' | 'Redis', db: postgres.Sql) {
  const countersBefore = (await db<{ n: number }[]>`select count(*)::int as n from rate_limits`)[0].n;
  const client = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) statuses.push((await submit(ports[i % 2], randomUUID(), client)).status);
  check(`the rate limit holds across instances (${store})`, statuses.filter((s) => s === 201).length === 5 && statuses.slice(5).every((s) => s === 429), statuses.join(' '));

  // Wrong passwords for one account, alternately on both instances and from different clients, so
  // only the account's counter (5 failures) can stop them; then the right one is refused too.
  const email = `throttle-${randomUUID().slice(0, 8)}@stadt.example`;
  await db`insert into users (email, name, roles, password_hash) values (${email}, 'Throttle', '{admin}', ${await hashPassword('Streife am Kanal 2026')})`;
  const answers: string[] = [];
  for (let i = 0; i < 6; i++) answers.push(await signIn(ports[i % 2], email, 'wrong password', `198.51.100.${50 + i}`));
  answers.push(await signIn(ports[1], email, 'Streife am Kanal 2026', '198.51.100.70'));
  check(
    `the sign-in throttle holds across instances (${store})`,
    answers.slice(0, 5).every((a) => a === 'credentials') && answers.slice(5).every((a) => a === 'throttled'),
    answers.join(' '),
  );
  if (store === 'Redis') {
    const countersAfter = (await db<{ n: number }[]>`select count(*)::int as n from rate_limits`)[0].n;
    check('with REDIS_URL no counter is written to PostgreSQL', countersAfter === countersBefore, `rate_limits rows ${countersBefore} → ${countersAfter}`);
  }
}

async function main() {
  mkdirSync('test-results', { recursive: true });
  createCluster();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  // No rate limit for the load phases: the load comes from one machine.
  const servers = ports.map((port) => startServer(port, { REPORT_RATE_LIMIT_PER_HOUR: '0' }));
  const stopServers = async () => {
    servers.forEach((server) => stopNextServer(server));
    await Promise.all(servers.map((server) => waitStopped(server)));
  };
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

    // 3. Two instances share the background work and the limits. The work is there before they
    // start, so both race for it from their first round: e-mail in the outbox, reporter addresses
    // past their retention date, reports closed longer than the coarsening time.
    await stopServers();
    const mails = quick ? 300 : 1000;
    const expiring = quick ? 40 : 200;
    const closing = quick ? 30 : 150;
    await db`insert into outbox ("to", subject, text_body, kind)
      select 'resident-' || g || '@example.org', 'Resilience ' || g, 'Message ' || g, 'reply' from generate_series(1, ${mails}::int) g`;
    await db`update reports set contact_email = 'reporter-' || id || '@example.org', contact_email_delete_at = now() - interval '1 day'
      where id in (select id from reports order by id limit ${expiring})`;
    await db`update reports set status = 'resolved', updated_at = now() - interval '400 days'
      where id in (select id from reports order by id desc limit ${closing})`;
    // A scoring parameter changed while no instance ran: the first round of either rebuilds the
    // priority aggregates, and only one of them may.
    const halfLifeDays = 12;
    await db`insert into settings (key, value) values ('priorities.halfLifeDays', ${db.json(halfLifeDays)})
      on conflict (key) do update set value = excluded.value`;
    const sink = await startMailSink();
    const shared = ports.map((port) =>
      startServer(port, {
        REPORT_RATE_LIMIT_PER_HOUR: '5',
        AUTH_URL: `http://127.0.0.1:${port}`,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.port),
        SMTP_FROM: '"Sicherheitsportal" <portal@stadt.example>',
        OUTBOX_INTERVAL_SECONDS: '1',
        RETENTION_INTERVAL_SECONDS: '1',
      }),
    );
    servers.splice(0, servers.length, ...shared);
    try {
      await Promise.all(ports.map((p) => waitHealthy(p)));

      // Reports keep arriving at both instances meanwhile (from many clients, under the limit).
      const arriving: Outcome[] = [];
      for (let i = 0; i < 20; i++) arriving.push(await submit(ports[i % 2], randomUUID(), `192.0.2.${100 + i}`));

      const sentAll = await until(async () => (await db<{ n: number }[]>`select count(*)::int as n from outbox where status <> 'sent'`)[0].n === 0, 60_000);
      const retained = await until(
        async () =>
          (await db<{ n: number }[]>`select count(*)::int as n from reports where contact_email is not null or (status = 'resolved' and coarsened_at is null)`)[0].n === 0,
        30_000,
      );
      // A few more rounds on both instances: a message or a retention run done twice would show now.
      await new Promise((r) => setTimeout(r, 3000));

      const counts = [...sink.received.values()];
      const twice = [...sink.received].filter(([, n]) => n > 1);
      const missing = Array.from({ length: mails }, (_, i) => `resident-${i + 1}@example.org`).filter((to) => !sink.received.has(to));
      check(
        'two instances send every outbox message exactly once',
        sentAll && missing.length === 0 && twice.length === 0 && counts.length === mails,
        `${mails} queued, ${sink.received.size} recipients reached, ${counts.reduce((a, b) => a + b, 0)} messages received, ${missing.length} missing, ${twice.length} more than once`,
      );
      const sentBy = ports.map((port) => [...serverLog(port).matchAll(/\[outbox\] sent (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0));
      check('both instances worked the outbox at once', sentBy.every((n) => n > 0) && sentBy[0] + sentBy[1] === mails, `sent ${sentBy.join(' + ')}`);

      const runs = await db<{ emails: number; coarsened: number; n: number }[]>`
        select coalesce(sum((after->>'emailsDeleted')::int), 0)::int as emails, coalesce(sum((after->>'coarsened')::int), 0)::int as coarsened, count(*)::int as n
        from audit_log where action = 'retention.applied'`;
      check(
        'retention is applied once by two instances',
        retained && runs[0].emails === expiring && runs[0].coarsened === closing,
        `${runs[0].n} audited run(s): ${runs[0].emails} of ${expiring} addresses deleted, ${runs[0].coarsened} of ${closing} reports coarsened`,
      );
      const recomputedBy = ports.map((port) => [...serverLog(port).matchAll(/\[priorities\] recomputed/g)].length);
      const [meta] = await db<{ halfLife: number }[]>`select (params->>'halfLifeDays')::int as "halfLife" from priority_stats_meta`;
      check(
        'the priorities are recomputed once by two instances',
        recomputedBy[0] + recomputedBy[1] === 1 && meta?.halfLife === halfLifeDays,
        `runs per instance ${recomputedBy.join(' + ')}; aggregates built with half-life ${meta?.halfLife} d (setting ${halfLifeDays} d)`,
      );
      // Reports arriving now reach the patrol priorities through each instance's queue: all of them,
      // each once, so the aggregates count what a recomputation from all reports counts.
      const queued: Outcome[] = [];
      for (let i = 0; i < 20; i++) queued.push(await submit(ports[i % 2], randomUUID(), `192.0.2.${150 + i}`));
      const drained = await until(async () => (await db<{ n: number }[]>`select count(*)::int as n from priority_pending`)[0].n === 0, 10_000);
      const totals = async () =>
        (
          await db<{ rows: number; reports: number; reporters: number }[]>`
            select count(*) filter (where reports > 0)::int as rows, coalesce(sum(reports), 0)::int as reports,
              coalesce(sum(reporters), 0)::int as reporters from priority_cell_stats`
        )[0];
      const applied = await totals();
      execFileSync('npx', ['tsx', 'scripts/priorities-recompute.ts'], { env: { ...process.env, DATABASE_URL: dbUrl }, stdio: 'ignore' });
      const rebuilt = await totals();
      check(
        'two instances add each queued report to the priorities once',
        drained && queued.every((o) => o.status === 201) && JSON.stringify(applied) === JSON.stringify(rebuilt),
        `queue ${drained ? 'empty' : 'not empty after 10 s'}; rows/contributions/reporters ${applied.rows}/${applied.reports}/${applied.reporters}, recomputed ${rebuilt.rows}/${rebuilt.reports}/${rebuilt.reporters}; arriving: ${queued.map((o) => o.status).join(' ')}`,
      );
      arriving.push(...queued);

      const [rows] = await db<{ n: number; refs: number; keys: number; keyed: number; mails: number }[]>`
        select count(*)::int as n, count(distinct ref)::int as refs, count(distinct idempotency_key)::int as keys, count(idempotency_key)::int as keyed,
          (select count(*)::int from outbox) as mails from reports`;
      check(
        'no duplicate rows from two instances',
        rows.refs === rows.n && rows.keys === rows.keyed && rows.mails === mails && arriving.every((o) => o.status === 201),
        `${rows.n} reports, ${rows.refs} refs, ${rows.keyed} keys (${rows.keys} distinct), ${rows.mails} outbox rows; arriving: ${arriving.map((o) => o.status).join(' ')}`,
      );

      await sharedLimits('PostgreSQL', db);
    } finally {
      sink.server.close();
    }

    // The same limits with their counters in Redis (REDIS_URL) instead of PostgreSQL.
    await stopServers();
    const withRedis = ports.map((port) => startServer(port, { REPORT_RATE_LIMIT_PER_HOUR: '5', REDIS_URL: redisUrl }));
    servers.splice(0, servers.length, ...withRedis);
    await Promise.all(ports.map((p) => waitHealthy(p)));
    await sharedLimits('Redis', db);
  } finally {
    // Waited for, so that a run started right after this one finds the ports free.
    await stopServers();
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
    rmSync(logDir, { recursive: true, force: true });
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
