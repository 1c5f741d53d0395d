import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

// `npm run demo` (the README's quick start) on a new embedded database of its own, and how it stops.
const port = Number(process.env.E2E_DEMO_PORT ?? 3213);
const url = `http://127.0.0.1:${port}`;

async function answers(): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/health`)).ok;
  } catch {
    return false;
  }
}

test('the demo serves the portal with its logins, and a kill of the demo script alone stops its server', async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'demo-'));
  // The embedded database, whatever the tests' own environment says.
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const demo = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
    env: { ...env, PORT: String(port), PGLITE_DIR: join(dir, 'pglite') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const stopped = () => demo.exitCode !== null || demo.signalCode !== null;
    await expect.poll(() => output.includes('Stop it with Ctrl+C.') || stopped(), { timeout: 150_000, intervals: [500] }).toBe(true);
    expect(output).toContain('Stop it with Ctrl+C.');
    expect(output).toContain(`Sicherheitsportal is running at http://localhost:${port}`);
    expect(output).toMatch(/admin@example\.org\s+admin/);
    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Sicherheitsportal');

    // A signal to the script's process alone (not to its process group, as Ctrl+C sends): the
    // server must go too, or it would keep the port and the embedded database.
    demo.kill('SIGTERM');
    await expect.poll(stopped, { timeout: 15_000 }).toBe(true);
    await expect.poll(answers, { timeout: 15_000 }).toBe(false);
  } finally {
    demo.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
