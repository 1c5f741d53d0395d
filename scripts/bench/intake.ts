// Intake: POST /api/reports on the production build, with two references measured in the same
// run — the same server's do-nothing route (what the framework alone serves here) and pgbench
// inserting the same row shape (what the database alone takes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latLngToCell } from 'h3-js';
import postgres from 'postgres';
import { cpuMs, jsThreadCpuMs, peakRssMb, startNextServer, stopNextServer, waitHealthy, waitStopped } from '../lib/next-server';
import { mergeLoads, runLoad, type LoadRequest, type LoadResult } from './load';

export const CLIENTS = 64;
const AUTH_SECRET = 'bench-secret-0123456789abcdef0123';

export type IntakeResult = {
  appPerSec: number;
  rawPerSec: number | null;
  ceilingPerSec: number;
  ratio: number;
  p99Ms: number;
  p50Ms: number;
  ceilingP99Ms: number;
  /** Server CPU per answered request (ms): comparable on a busy machine, unlike the rates. */
  appCpuMsPerReq: number;
  ceilingCpuMsPerReq: number;
  /** Share of a core the server's JavaScript thread was on it during each load (0–1): near 1, it is the wall. */
  appJsThreadShare: number;
  ceilingJsThreadShare: number;
  /** 201s answered minus rows found with those references afterwards: must be 0. */
  lost: number;
  /** Rows stored beyond the 201s (a request whose answer never arrived): should be 0 too. */
  unanswered: number;
  /** Reports still queued for the patrol priorities when the load ended (PostgreSQL; null on PGlite). */
  priorityBacklog: number | null;
  /** Seconds from the load's end until the server had applied that queue (null: not measured, or not within a minute). */
  priorityDrainSeconds: number | null;
  created: number;
  statuses: Record<number, number>;
  peakRssMb: number;
  seconds: number;
};

const times = ['morning', 'day', 'evening', 'night'] as const;
const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A resident's report somewhere in Lünen, each from an address of its own (as when a newspaper links the portal). */
function reportRequest(categories: string[], run: string, serial: number): LoadRequest {
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];
  const body: Record<string, unknown> = {
    lat: 51.56 + Math.random() * 0.09,
    lon: 7.45 + Math.random() * 0.15,
    category: pick(categories),
    feeling: 1 + Math.floor(Math.random() * 5),
    when:
      Math.random() < 0.5
        ? { always: true }
        : { times: times.filter((t) => t === 'night' || Math.random() < 0.4), days: days.filter((d) => d === 'fri' || Math.random() < 0.4) },
    locale: 'de',
  };
  if (Math.random() < 0.6) body.description = 'Hier ist es abends dunkel und niemand ist unterwegs.';
  if (Math.random() < 0.25) body.email = `anwohner${serial}@example.org`;
  return {
    path: '/api/reports',
    body: JSON.stringify(body),
    headers: {
      'idempotency-key': `bench-${run}-${serial}`,
      'x-forwarded-for': `10.${(serial >> 16) & 255}.${(serial >> 8) & 255}.${serial & 255}`,
    },
  };
}

function refsOf(load: LoadResult): string[] {
  return load.created.map((body) => (JSON.parse(body) as { ref: string }).ref);
}

/**
 * The server applies the priorities' queue (lib/priorities/pending.ts) in the background: how many
 * reports it held when the load ended, and how long the server took to empty it.
 */
async function priorityQueueDrain(url: string): Promise<QueueDrain> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const queued = async () => (await sql<{ n: number }[]>`select count(*)::int as n from priority_pending`)[0].n;
  try {
    const started = performance.now();
    const backlog = await queued();
    for (let left = backlog; left > 0; left = await queued()) {
      if (performance.now() - started > 60_000) return { backlog, seconds: null };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { backlog, seconds: (performance.now() - started) / 1000 };
  } finally {
    await sql.end();
  }
}

/** Counts 201s against rows: every answered reference must be a row, and no row without an answer. */
async function countLost(url: string, refs: string[], source: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ found }] = await sql<{ found: number }[]>`select count(*)::int as found from reports where ref = any(${refs})`;
    const [{ rows }] = await sql<{ rows: number }[]>`select count(*)::int as rows from reports where source = ${source}`;
    return { lost: refs.length - found, unanswered: rows - found };
  } finally {
    await sql.end();
  }
}

function pgBin(command: string) {
  const versions = readdirSync('/usr/lib/postgresql').sort();
  return join('/usr/lib/postgresql', versions.at(-1)!, 'bin', command);
}

/** pgbench inserting report rows like the app's (all indexes, a unique reference and key) with the same clients. */
async function pgbenchInserts(url: string, seconds: number): Promise<number | null> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [{ district }] = await sql<{ district: number }[]>`select min(id)::int as district from districts`;
  const categoryIds = (await sql<{ id: number }[]>`select id from categories order by id`).map((c) => c.id);
  await sql.end();
  const places = Array.from({ length: 64 }, () => {
    const lat = 51.56 + Math.random() * 0.09;
    const lon = 7.45 + Math.random() * 0.15;
    return { r10: latLngToCell(lat, lon, 10), r9: latLngToCell(lat, lon, 9) };
  });
  const dir = mkdtempSync(join(tmpdir(), 'sp-bench-'));
  const script = join(dir, 'insert.sql');
  writeFileSync(
    script,
    [
      '\\set lat random(51560000, 51650000)',
      '\\set lon random(7450000, 7600000)',
      `\\set c random(1, ${categoryIds.length})`,
      '\\set f random(1, 5)',
      `\\set h random(1, ${places.length})`,
      `insert into reports (ref, lat, lon, h3_r10, h3_r9, district_id, category_id, feeling, "when", description, reporter_hash, locale, idempotency_key, source, created_at, updated_at) values ('PGB-' || txid_current(), :lat / 1e6, :lon / 1e6, (array[${places.map((p) => `'${p.r10}'`).join(',')}])[:h], (array[${places.map((p) => `'${p.r9}'`).join(',')}])[:h], ${district}, (array[${categoryIds.join(',')}])[:c], :f, '{"always": true}', 'Hier ist es abends dunkel und niemand ist unterwegs.', md5(random()::text), 'de', gen_random_uuid()::text, 'pgbench', now(), now());`,
      '',
    ].join('\n'),
  );
  try {
    const out = execFileSync(pgBin('pgbench'), ['-n', '-c', String(CLIENTS), '-j', '2', '-T', String(seconds), '-f', script, url], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
    return tps ? Number(tps) : null;
  } catch (error) {
    console.error(`pgbench failed: ${(error as { stderr?: string }).stderr ?? error}`);
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withServer<T>(port: number, env: Record<string, string>, work: (server: ReturnType<typeof startNextServer>) => Promise<T>) {
  const server = startNextServer(port, { AUTH_SECRET, BENCH_NOOP: '1', ...env }, { log: Boolean(process.env.BENCH_LOG) });
  try {
    if (!(await waitHealthy(port, 120_000))) throw new Error(`The server on port ${port} did not come up`);
    return await work(server);
  } finally {
    stopNextServer(server);
    await waitStopped(server);
  }
}

async function categoriesOf(port: number): Promise<string[]> {
  const response = await fetch(`http://127.0.0.1:${port}/api/categories`);
  return ((await response.json()) as { slug: string }[]).map((c) => c.slug);
}

/**
 * Measured seconds per window. The do-nothing route and the intake take turns in windows of this
 * length, so that a machine whose speed drifts during the run (a shared VM's does, by ±10 % from one
 * minute to the next) slows both alike and the ratio stays comparable.
 */
export const WINDOW_SECONDS = 5;
/** Warm-up of each later window, while the keep-alive connections open anew. */
const WINDOW_WARMUP_SECONDS = 1;

const NOOP_REQUEST: LoadRequest = { path: '/api/bench/noop', body: '{"lat":51.6,"lon":7.5,"category":"poor-lighting","feeling":3}', headers: {} };

type QueueDrain = { backlog: number; seconds: number | null };

/**
 * The do-nothing reference and the intake in alternating windows on one server; peak RSS is read
 * before it stops. `drain` (PostgreSQL) waits after each intake window until the server has applied
 * the priorities' queue, and that time counts as the window's: the queue's work is the intake's too,
 * and it must not run into the do-nothing route's window.
 */
async function loadServer(server: ReturnType<typeof startNextServer>, port: number, seconds: number, warmupSeconds: number, drain?: () => Promise<QueueDrain>) {
  const categories = await categoriesOf(port);
  const run = `${process.pid}-${Date.now().toString(36)}`;
  let serial = 0;
  const loads = [
    { next: () => NOOP_REQUEST, drain: undefined, windows: [] as LoadResult[], cpu: 0, js: 0, wall: 0 },
    { next: () => reportRequest(categories, run, serial++), drain, windows: [] as LoadResult[], cpu: 0, js: 0, wall: 0 },
  ];
  const windows = Math.max(1, Math.round(seconds / WINDOW_SECONDS));
  let queue: QueueDrain | null = null;
  for (let w = 0; w < windows; w++) {
    for (const load of loads) {
      const [before, jsBefore, start] = [cpuMs(server), jsThreadCpuMs(server), performance.now()];
      const warmup = w === 0 ? warmupSeconds : WINDOW_WARMUP_SECONDS;
      const result = await runLoad({ port, clients: CLIENTS, warmupSeconds: warmup, seconds: seconds / windows, next: load.next });
      const drained = load.drain ? await load.drain() : null;
      if (drained) queue = drained;
      load.windows.push(drained ? { ...result, seconds: result.seconds + (drained.seconds ?? 0) } : result);
      load.cpu += cpuMs(server) - before;
      load.js += jsThreadCpuMs(server) - jsBefore;
      load.wall += performance.now() - start;
    }
  }
  const [noop, app] = loads.map((load): Measured => {
    const merged = mergeLoads(load.windows);
    const answered = Object.values(merged.statuses).reduce((a, b) => a + b, 0);
    return { ...merged, cpuMsPerReq: load.cpu / answered, jsThreadShare: load.js / load.wall };
  });
  // The last intake window's queue: what it left, and how long the server took to apply it.
  return { noop, app, queue };
}

type Measured = LoadResult & { cpuMsPerReq: number; jsThreadShare: number };

type Extra = {
  rawPerSec: number | null;
  lost: number;
  unanswered: number;
  queue: QueueDrain | null;
  rss: number;
  seconds: number;
};

function summarise(noop: Measured, app: Measured, extra: Extra): IntakeResult {
  return {
    appPerSec: round(app.perSec),
    rawPerSec: extra.rawPerSec === null ? null : round(extra.rawPerSec),
    ceilingPerSec: round(noop.perSec),
    ratio: Math.round((app.perSec / noop.perSec) * 1000) / 1000,
    p99Ms: round(app.p99Ms),
    p50Ms: round(app.p50Ms),
    ceilingP99Ms: round(noop.p99Ms),
    appCpuMsPerReq: Math.round(app.cpuMsPerReq * 100) / 100,
    ceilingCpuMsPerReq: Math.round(noop.cpuMsPerReq * 100) / 100,
    appJsThreadShare: Math.round(app.jsThreadShare * 100) / 100,
    ceilingJsThreadShare: Math.round(noop.jsThreadShare * 100) / 100,
    lost: extra.lost,
    unanswered: extra.unanswered,
    priorityBacklog: extra.queue?.backlog ?? null,
    priorityDrainSeconds: extra.queue?.seconds == null ? null : Math.round(extra.queue.seconds * 10) / 10,
    created: app.created.length,
    statuses: app.statuses,
    peakRssMb: round(extra.rss),
    seconds: extra.seconds,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** On PostgreSQL: a database of its own (`bench_<pid>`), dropped afterwards. */
export async function benchIntakePostgres(options: { adminUrl: string; port: number; seconds: number; warmupSeconds: number }): Promise<IntakeResult> {
  const name = `bench_${process.pid}`;
  const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(options.adminUrl);
  url.pathname = `/${name}`;
  try {
    const measured = await withServer(options.port, { DATABASE_URL: url.toString() }, async (server) => {
      // Peak RSS after the queue is applied: its work is the intake's too.
      const loads = await loadServer(server, options.port, options.seconds, options.warmupSeconds, () => priorityQueueDrain(url.toString()));
      return { ...loads, rss: peakRssMb(server).mb };
    });
    const counted = await countLost(url.toString(), refsOf(measured.app), 'web');
    const rawPerSec = await pgbenchInserts(url.toString(), options.seconds);
    return summarise(measured.noop, measured.app, { rawPerSec, ...counted, queue: measured.queue, rss: measured.rss, seconds: options.seconds });
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  }
}

/** On PGlite: the server holds a fresh data folder; rows are counted after it stopped (one process at a time). */
export async function benchIntakePglite(options: { port: number; seconds: number; warmupSeconds: number }): Promise<IntakeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sp-bench-pglite-'));
  const { openDatabase } = await import('@/lib/db/client');
  try {
    // The database is created (initdb, migrations) before the server starts, as on every start but
    // an installation's first: initdb's WASM heap, about 500 MB that is never returned, would
    // otherwise be the server's peak RSS.
    await (await openDatabase({ pgliteDir: join(dir, 'db') })).close();
    const measured = await withServer(options.port, { PGLITE_DIR: join(dir, 'db') }, async (server) => {
      const loads = await loadServer(server, options.port, options.seconds, options.warmupSeconds);
      return { ...loads, rss: peakRssMb(server).mb };
    });
    const database = await openDatabase({ pgliteDir: join(dir, 'db'), migrate: false });
    let counted: { lost: number; unanswered: number };
    try {
      const refs = refsOf(measured.app);
      const { sql } = await import('drizzle-orm');
      const rows = (await database.db.execute(sql`select ref from reports where source = 'web'`)) as unknown as { rows: { ref: string }[] };
      const stored = new Set(rows.rows.map((r) => r.ref));
      const found = refs.filter((r) => stored.has(r)).length;
      counted = { lost: refs.length - found, unanswered: stored.size - found };
    } finally {
      await database.close();
    }
    return summarise(measured.noop, measured.app, { rawPerSec: null, ...counted, queue: null, rss: measured.rss, seconds: options.seconds });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
