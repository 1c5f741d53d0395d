// npx tsx scripts/bench-rank.ts [--sizes 10000,100000,1000000] [--json FILE] — micro benchmark of the
// scoring core: milliseconds to rank all cells for 10k, 100k and 1M synthetic reports (no database).
// Not a test. Wall-clock and CPU time are both shown: on a busy machine wall time includes waiting.
//
// Reports come from the synthetic city of the evaluation (lib/priorities/synthetic-city.ts), scaled
// to the size; generating them is not timed. Timed, per size:
//   prepare    report rows → columns (what a caller does once per load; rows are fresh objects in
//              time order, as a database driver returns them)
//   first      the first ranking: includes each report's kernel neighbourhood, computed once
//   rank       a ranking with everything prepared: score, Gi* with FDR, gate, sort, top 100 described
//   window     the same for a time window ("Fri 20–24 h")
//   describe   a ranking describing every cell with a report, not only the top 100
import { writeFileSync } from 'node:fs';
import { cellsWithinRadius } from '@/lib/priorities/evaluate';
import { rankCells } from '@/lib/priorities/rank';
import { defaultScoreParams, prepareReports } from '@/lib/priorities/score';
import { windowSlotWeights } from '@/lib/priorities/slots';
import { defaultSyntheticCityOptions, generateSyntheticCity } from '@/lib/priorities/synthetic-city';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const sizes = (argument('--sizes') ?? '10000,100000,1000000').split(',').map(Number);
const repeats = 5;
const params = {
  ...defaultScoreParams,
  categoryWeights: { harassment: 2, drugs: 1.5, 'aggressive-groups': 1.5 },
};
const studyArea = cellsWithinRadius(defaultSyntheticCityOptions.centre, defaultSyntheticCityOptions.radiusMetres);
const window = windowSlotWeights({ days: ['fri'], from: 20, to: 24 });

function time<T>(run: () => T): { ms: number; cpuMs: number; result: T } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, result };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const jsonFile = argument('--json');
const results: Record<string, Record<string, number>> = {};

console.log(`Node ${process.version}; study area ${studyArea.length.toLocaleString('en')} cells; median of ${repeats} runs; ms (CPU ms)\n`);
const columns = ['reports', 'prepare', 'first', 'rank', 'window', 'describe all', 'cells', 'gated'];
console.log(columns.map((h) => h.padStart(14)).join(''));
for (const size of sizes) {
  const city = generateSyntheticCity({ expectedReports: size / 1.05, seed: 7 });
  const reports = city.reports.slice(0, size);
  const now = reports[reports.length - 1].createdAt;
  const prepared = time(() => prepareReports(reports));
  const set = prepared.result;
  const first = time(() => rankCells(set, params, now, { studyArea, limit: 100 }));
  const rank: ReturnType<typeof time>[] = [];
  const windowed: ReturnType<typeof time>[] = [];
  for (let r = 0; r < repeats; r++) {
    rank.push(time(() => rankCells(set, params, now, { studyArea, limit: 100 })));
    windowed.push(time(() => rankCells(set, params, now, { studyArea, limit: 100, slotWeights: window })));
  }
  const all = time(() => rankCells(set, params, now, { studyArea }));
  const gated = all.result.filter((p) => p.gated).length;
  const show = (t: { ms: number; cpuMs: number }) => `${t.ms.toFixed(0)} (${t.cpuMs.toFixed(0)})`;
  const medianOf = (runs: { ms: number; cpuMs: number }[]) => ({
    ms: median(runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
  });
  results[reports.length] = {
    prepareMs: prepared.ms,
    firstMs: first.ms,
    ms: medianOf(rank).ms,
    cpuMs: medianOf(rank).cpuMs,
    windowMs: medianOf(windowed).ms,
    describeAllMs: all.ms,
    cells: all.result.length,
    gated,
  };
  console.log(
    [
      reports.length.toLocaleString('en'),
      show(prepared),
      show(first),
      show(medianOf(rank)),
      show(medianOf(windowed)),
      show(all),
      all.result.length.toLocaleString('en'),
      gated.toLocaleString('en'),
    ]
      .map((v) => v.padStart(14))
      .join(''),
  );
}
if (jsonFile) {
  writeFileSync(jsonFile, JSON.stringify({ rank: results, node: process.version }, null, 2) + '\n');
  console.log(`Wrote ${jsonFile}`);
}
