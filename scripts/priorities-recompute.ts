// npm run priorities:recompute [-- --if-needed] — rebuilds the patrol-priority aggregates
// (priority_cell_stats, priority_cell_days and the rollups priority_cell_category_totals and
// priority_cell_totals) from all reports with the current settings and a new decay anchor.
// Safe while the app serves: one transaction (readers see the old rows until it commits, report
// writes wait and then apply on top), and one instance at a time (an advisory lock; a second run
// skips). The settings form runs it after a parameter change, the server daily when needed.
import { runCommand } from './lib/operator-command';
import { parseArgs } from 'node:util';
import { closeDatabase, getDatabase } from '@/lib/db/client';
import { recomputePrioritiesExclusively } from '@/lib/priorities/service';

async function main() {
  const ifNeeded = parseArgs({ options: { 'if-needed': { type: 'boolean', default: false } } }).values['if-needed'];
  const { db } = await getDatabase();
  try {
    const started = performance.now();
    const result = await recomputePrioritiesExclusively(db, { force: !ifNeeded });
    const ms = Math.round(performance.now() - started);
    if (!result) console.log('Another instance is recomputing the priorities.');
    else if (result.skipped) console.log('The priority aggregates are current; nothing to do.');
    else console.log(`Recomputed ${result.rows} aggregate rows from ${result.reports} reports in ${ms} ms.`);
  } finally {
    await closeDatabase();
  }
}

runCommand(main);
