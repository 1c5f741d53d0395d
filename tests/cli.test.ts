import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The README's commands for operators (npm run apikey:…, priorities:recompute), as a shell script
// calls them: on a new embedded database of their own, judged by their output and exit code.
const dir = mkdtempSync(join(tmpdir(), 'cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(script: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: join(dir, 'pglite') };
  delete env.DATABASE_URL;
  const answer = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { status: answer.status, out: answer.stdout, err: answer.stderr };
}

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
  }, 120_000);

  it('refuse an option they do not know instead of doing something else', () => {
    // A mistyped --if-needed must not run a full recomputation.
    const mistyped = run('priorities-recompute', '--if-neded');
    expect(mistyped.status).toBe(1);
    expect(mistyped.err).toContain("Unknown option '--if-neded'");
    expect(mistyped.out).toBe('');
    expect(run('db-seed', '--forse')).toMatchObject({ status: 1, err: expect.stringContaining("Unknown option '--forse'") });
    expect(run('priorities-recompute', '--if-needed').status).toBe(0);
  }, 120_000);
});
