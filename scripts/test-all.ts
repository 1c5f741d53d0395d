// npm test — every suite that needs no server running beforehand: unit and integration tests
// (vitest; on PostgreSQL too when TEST_DATABASE_URL is set) and browser tests (Playwright against
// the production build, which it starts itself). Ends with one line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { buildIfNeeded } from './build';

const out = 'test-results';
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let runnerFailed = false;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) runnerFailed = true;
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

// Unit and integration tests.
rmSync(`${out}/vitest.json`, { force: true });
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/vitest.json`]);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(
  `${out}/vitest.json`,
);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
} else {
  totals.failed += 1; // the runner itself broke
}

// Browser tests against the production build.
rmSync(`${out}/e2e.json`, { force: true });
try {
  buildIfNeeded();
  run('npx', ['playwright', 'test', '--reporter=list,json'], { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/e2e.json` });
} catch (error) {
  console.error((error as Error).message);
  runnerFailed = true;
}
const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(`${out}/e2e.json`);
if (e2e) {
  totals.passed += e2e.stats.expected;
  totals.failed += e2e.stats.unexpected + e2e.stats.flaky;
  totals.skipped += e2e.stats.skipped;
} else {
  totals.failed += 1;
}

if (runnerFailed && totals.failed === 0) totals.failed = 1; // a runner failed outside any test
writeFileSync(`${out}/summary.json`, JSON.stringify(totals));
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
