// npm run bench [-- --quick] [-- --json FILE] [-- --skip intake,pglite,data] — the portal's figures
// under load and at scale, each printed with its target (README, "Benchmarks"; the JSON shape is a
// contract: ../shared/DESIGN.md, "Machine-readable results"). Not a test; CI does not run it.
//
// Needs the local PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
// it creates databases bench_<pid>… and drops them) and builds the app if the build is stale.
// Servers listen on ports 3350 (PostgreSQL) and 3351 (PGlite).
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import postgres from 'postgres';
import { openDatabase, type Database } from '@/lib/db/client';
import { benchCells } from './bench/cells';
import { benchInbox } from './bench/inbox';
import { benchIntakePglite, benchIntakePostgres, CLIENTS, WINDOW_SECONDS, type IntakeResult } from './bench/intake';
import { benchRank } from './bench/rank';
import { seedReports } from './bench/seed';
import { buildIfNeeded } from './build';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const jsonFile = option('json');
const skip = new Set((option('skip') ?? '').split(',').filter(Boolean));
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const intakeSeconds = Number(option('seconds') ?? (quick ? 10 : 30));
const warmupSeconds = quick ? 2 : 5;
const sizes = (option('sizes') ?? (quick ? '10000' : '10000,100000,1000000')).split(',').map(Number);
/** PGlite keeps the whole database in this process's memory: a million rows are past what it is for. */
const pgliteSizes = sizes.filter((n) => n <= 100_000);
const PORTS = { postgres: 3350, pglite: 3351 };

type DataResults = {
  cells: Record<string, Awaited<ReturnType<typeof benchCells>>>;
  inbox: Record<string, Awaited<ReturnType<typeof benchInbox>>>;
  rank: Record<string, Awaited<ReturnType<typeof benchRank>>>;
};

const log = (message: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function postgresDatabase(name: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), max: 5 });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Seeds up to each size in turn (adding only the difference) and measures cells, inbox and ranking there. */
async function benchData(database: Database, steps: number[]): Promise<DataResults> {
  const results: DataResults = { cells: {}, inbox: {}, rank: {} };
  let seeded = 0;
  for (const n of steps) {
    const t0 = Date.now();
    await seedReports(database.db, seeded, n);
    seeded = n;
    log(`${database.kind}: ${n.toLocaleString('en')} reports (seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    results.cells[n] = await benchCells(database);
    results.inbox[n] = await benchInbox(database.db, n);
    results.rank[n] = await benchRank(database.db, n);
    log(`${database.kind}: ${n.toLocaleString('en')} measured`);
  }
  return results;
}

async function main() {
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAtStart: loadavg().map((l) => Math.round(l * 10) / 10),
    node: process.version,
  };
  buildIfNeeded({ ...process.env, NODE_ENV: 'production' });

  let intake: IntakeResult | undefined;
  let intakePglite: IntakeResult | undefined;
  if (!skip.has('intake')) {
    log(`intake on PostgreSQL: ${CLIENTS} clients, ${intakeSeconds} s each (do-nothing and intake taking turns in ${WINDOW_SECONDS} s windows after ${warmupSeconds} s of warm-up; then pgbench)`);
    intake = await benchIntakePostgres({ adminUrl, port: PORTS.postgres, seconds: intakeSeconds, warmupSeconds });
    if (!skip.has('pglite')) {
      log('intake on PGlite');
      intakePglite = await benchIntakePglite({ port: PORTS.pglite, seconds: intakeSeconds, warmupSeconds });
    }
  }

  let data: DataResults | undefined;
  let dataPglite: DataResults | undefined;
  if (!skip.has('data')) {
    const pg = await postgresDatabase(`bench_${process.pid}_data`);
    try {
      data = await benchData(pg.database, sizes);
    } finally {
      await pg.drop();
    }
    if (!skip.has('pglite') && pgliteSizes.length > 0) {
      const lite = await openDatabase({ pgliteDir: 'memory://' });
      try {
        dataPglite = await benchData(lite, pgliteSizes);
      } finally {
        await lite.close();
      }
    }
  }

  const output = {
    intake,
    cells: data?.cells,
    inbox: data?.inbox,
    rank: data?.rank,
    peakRssMb: intake?.peakRssMb,
    db: 'postgres' as const,
    pglite: {
      intake: intakePglite,
      cells: dataPglite?.cells,
      inbox: dataPglite?.inbox,
      rank: dataPglite?.rank,
      peakRssMb: intakePglite?.peakRssMb,
    },
    quick,
    machine,
    date: new Date().toISOString(),
  };
  printTable(output, intake, intakePglite);
  if (jsonFile) {
    writeFileSync(jsonFile, JSON.stringify(output, null, 2) + '\n');
    log(`wrote ${jsonFile}`);
  }
}

const fmt = (n: number | null | undefined, unit = '') => (n === null || n === undefined ? '—' : `${n.toLocaleString('en', { maximumFractionDigits: 1 })}${unit}`);
const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? ' ✓' : ' ✗');

function printTable(
  output: { cells?: DataResults['cells']; inbox?: DataResults['inbox']; rank?: DataResults['rank']; pglite: { cells?: DataResults['cells']; inbox?: DataResults['inbox']; rank?: DataResults['rank'] }; machine: { cpu: string; cores: number; loadAtStart: number[] } },
  intake?: IntakeResult,
  lite?: IntakeResult,
) {
  const rows: [string, string, string, string][] = [];
  const row = (figure: string, pg: string, pglite: string, target: string) => rows.push([figure, pg, pglite, target]);
  if (intake) {
    row(`intake POST /api/reports (${CLIENTS} clients, ${intake.seconds} s)`, fmt(intake.appPerSec, '/s'), fmt(lite?.appPerSec, '/s'), '');
    row('  do-nothing route, same server (ceiling)', fmt(intake.ceilingPerSec, '/s'), fmt(lite?.ceilingPerSec, '/s'), '');
    row('  server CPU per request, intake / do-nothing', `${fmt(intake.appCpuMsPerReq)} / ${fmt(intake.ceilingCpuMsPerReq)} ms`, lite ? `${fmt(lite.appCpuMsPerReq)} / ${fmt(lite.ceilingCpuMsPerReq)} ms` : '—', '');
    // Near 100 %, the event loop's thread is the wall; well under it, the thread waited for a core.
    const share = (r: IntakeResult) => `${fmt(r.appJsThreadShare * 100)} / ${fmt(r.ceilingJsThreadShare * 100)} %`;
    row("  server's JavaScript thread on a core, intake / do-nothing", share(intake), lite ? share(lite) : '—', '');
    row('  pgbench inserts of the same row (raw)', fmt(intake.rawPerSec, '/s'), '—', '');
    row('  intake / ceiling', `${fmt(intake.ratio * 100, ' %')}${mark(intake.ratio >= 0.6)}`, lite ? `${fmt(lite.ratio * 100, ' %')}${mark(lite.ratio >= 0.6)}` : '—', '≥ 60 %');
    row('  intake / raw inserts', intake.rawPerSec ? fmt((intake.appPerSec / intake.rawPerSec) * 100, ' %') : '—', '—', '');
    row('  p99 latency', `${fmt(intake.p99Ms, ' ms')}${mark(intake.p99Ms < 100)}`, lite ? `${fmt(lite.p99Ms, ' ms')}${mark(lite.p99Ms < 100)}` : '—', '< 100 ms');
    // With every client waiting on its answer, latency is clients ÷ rate: the do-nothing route's p99 is the floor.
    row('  p99 latency, do-nothing route', fmt(intake.ceilingP99Ms, ' ms'), lite ? fmt(lite.ceilingP99Ms, ' ms') : '—', '');
    row('  lost (201s without a row)', `${intake.lost}${mark(intake.lost === 0)}`, lite ? `${lite.lost}${mark(lite.lost === 0)}` : '—', '0');
    row('  rows without a 201 (answer never came)', String(intake.unanswered), lite ? String(lite.unanswered) : '—', '0');
    const queue = (r: IntakeResult) =>
      r.priorityBacklog === null ? '—' : `${r.priorityBacklog} / ${r.priorityDrainSeconds === null ? '> 60 s' : fmt(r.priorityDrainSeconds, ' s')}`;
    row('  queued for the priorities at the end / applied within', queue(intake), lite ? queue(lite) : '—', '');
    row('  non-201 answers', nonCreated(intake), lite ? nonCreated(lite) : '—', 'none');
    row('  server peak RSS (VmHWM)', `${fmt(intake.peakRssMb, ' MB')}${mark(intake.peakRssMb < 400)}`, lite ? `${fmt(lite.peakRssMb, ' MB')}${mark(lite.peakRssMb < 400)}` : '—', '< 400 MB');
  }
  const sizesOf = (r?: Record<string, unknown>) => Object.keys(r ?? {}).map(Number);
  const all = [...new Set([...sizesOf(output.cells), ...sizesOf(output.pglite.cells)])].sort((a, b) => a - b);
  const largest = Math.max(...all);
  for (const n of all) {
    const label = n.toLocaleString('en');
    const c = output.cells?.[n];
    const cl = output.pglite.cells?.[n];
    const cellTarget = n >= 1_000_000 ? '< 50 ms' : 'flat';
    const cellFigure = (ms?: number) => (ms === undefined ? '—' : `${fmt(ms, ' ms')}${mark(ms < 50)}`);
    row(`cells p95, city viewport, ${label} reports`, cellFigure(c?.p95Ms), cellFigure(cl?.p95Ms), cellTarget);
    row('  filtered by category and time of day', cellFigure(c?.filteredP95Ms), cellFigure(cl?.filteredP95Ms), cellTarget);
  }
  for (const n of all) {
    const label = n.toLocaleString('en');
    const i = output.inbox?.[n];
    const il = output.pglite.inbox?.[n];
    const t = n === largest ? '< 100 ms' : '';
    row(`inbox first page p95, ${label}`, i ? `${fmt(i.firstPageP95Ms, ' ms')}${mark(i.firstPageP95Ms < 100)}` : '—', il ? `${fmt(il.firstPageP95Ms, ' ms')}${mark(il.firstPageP95Ms < 100)}` : '—', t);
    row(`inbox deep page p95, ${label}`, i ? `${fmt(i.deepPageP95Ms, ' ms')}${mark(i.deepPageP95Ms < 100)}` : '—', il ? `${fmt(il.deepPageP95Ms, ' ms')}${mark(il.deepPageP95Ms < 100)}` : '—', t);
  }
  for (const n of all) {
    const r = output.rank?.[n];
    const rl = output.pglite.rank?.[n];
    const week = (x?: { ms: number; recomputeMs: number }) => (x ? `${fmt(x.ms, ' ms')}${mark(x.ms < 1000)} (rebuild ${fmt(x.recomputeMs, ' ms')})` : '—');
    const window = (x?: { windowMs: number }) => (x ? `${fmt(x.windowMs, ' ms')}${mark(x.windowMs < 1000)}` : '—');
    row(`rank all cells, ${n.toLocaleString('en')} reports`, week(r), week(rl), '< 1 s');
    row(`rank Fri 20–24 h, ${n.toLocaleString('en')} reports`, window(r), window(rl), '< 1 s');
    const plan = (x?: { planMs: number; planStops: number }) => (x ? `${fmt(x.planMs, ' ms')} (${x.planStops} stops)` : '—');
    row(`plan a Friday-evening shift (≤ 12 stops), ${n.toLocaleString('en')}`, plan(r), plan(rl), '');
  }
  const widths = [0, 1, 2, 3].map((c) => Math.max(...[['figure', 'PostgreSQL', 'PGlite', 'target'], ...rows].map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  console.log(`\n${output.machine.cpu}, ${output.machine.cores} cores, load ${output.machine.loadAtStart.join(' ')} at start; servers: npm start (scripts/start.mjs)\n`);
  console.log(line(['figure', 'PostgreSQL', 'PGlite', 'target']));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  rows.forEach((r) => console.log(line(r)));
}

function nonCreated(r: IntakeResult): string {
  const other = Object.entries(r.statuses).filter(([status]) => status !== '201');
  return other.length === 0 ? 'none' : other.map(([status, n]) => `${n}×${status === '0' ? 'no answer' : status}`).join(', ');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
