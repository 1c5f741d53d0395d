import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serverProcess } from '../scripts/lib/server-process.mjs';

describe('the settings npm start gives the server process', () => {
  it('gives a server on PostgreSQL 32 MB semi-spaces, and one on PGlite 8 MB', () => {
    expect(serverProcess({ DATABASE_URL: 'postgres://db/portal' }).nodeFlags).toEqual(['--max-semi-space-size=32']);
    expect(serverProcess({ PGLITE_DIR: './data/pglite' }).nodeFlags).toEqual(['--max-semi-space-size=8']);
    expect(serverProcess({ DATABASE_URL: '' }).nodeFlags).toEqual(['--max-semi-space-size=8']);
  });

  it('leaves the young generation to NODE_OPTIONS when it sets one', () => {
    expect(serverProcess({ DATABASE_URL: 'postgres://db/portal', NODE_OPTIONS: '--max-semi-space-size=16' }).nodeFlags).toEqual([]);
    expect(serverProcess({ NODE_OPTIONS: '--enable-source-maps' }).nodeFlags).toEqual(['--max-semi-space-size=8']);
  });

  it('passes the environment on with one malloc arena, unless the operator chose another number', () => {
    const { env } = serverProcess({ DATABASE_URL: 'postgres://db/portal', AUTH_SECRET: 's' });
    expect(env).toEqual({ DATABASE_URL: 'postgres://db/portal', AUTH_SECRET: 's', MALLOC_ARENA_MAX: '1' });
    expect(serverProcess({ MALLOC_ARENA_MAX: '2' }).env.MALLOC_ARENA_MAX).toBe('2');
  });
});

describe('the Next.js configuration', () => {
  it("leaves next-intl's plugin out of the production server, and gives it to the build", async () => {
    const { default: config } = await import('../next.config.mjs');
    const server = await config('phase-production-server');
    const build = await config('phase-production-build');
    expect(server.webpack).toBeUndefined();
    expect(server.turbopack).toBeUndefined();
    expect(build.webpack ?? build.turbopack).toBeDefined();
    // Everything else is the same: headers, packages, experiments.
    expect(server).toEqual({ ...build, webpack: undefined, turbopack: undefined });
  });
});

describe('the environment files npm start and the commands read', () => {
  it('expand $ in a value, quoted or not, and keep \\$ as a dollar sign (README, "Configuration")', () => {
    const project = mkdtempSync(join(tmpdir(), 'env-files-'));
    try {
      writeFileSync(join(project, '.env.production.local'), ['PLAIN=pa$wort', "QUOTED='pa$wort'", 'ESCAPED=pa\\$wort', ''].join('\n'));
      const loader = pathToFileURL(resolve('scripts/lib/env-files.mjs')).href;
      const script = `const { loadEnvFiles } = await import(${JSON.stringify(loader)}); loadEnvFiles(); console.log(JSON.stringify([process.env.PLAIN, process.env.QUOTED, process.env.ESCAPED]));`;
      const env: Record<string, string | undefined> = { ...process.env };
      delete env.NODE_ENV; // as npm start has it: the production files
      const answer = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8', env: env as NodeJS.ProcessEnv });
      expect(JSON.parse(answer.stdout)).toEqual(['pa', 'pa', 'pa$wort']);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
