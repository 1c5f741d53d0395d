// npm start: `next start` in a process of its own, started with the settings a process can only be
// given when it starts (README, "Running on PostgreSQL"; figures in "Where the intake stands"):
//
// - V8's young generation, where a request's short-lived objects live: semi-spaces of 32 MB on
//   PostgreSQL, where the intake then reaches about a sixth more reports a second (fewer
//   collections, and fewer objects of requests in flight promoted to the old generation), and of
//   8 MB on PGlite, whose database lives in the same process and already takes its memory.
//   `--max-semi-space-size` in NODE_OPTIONS takes precedence.
// - glibc's malloc: one arena (MALLOC_ARENA_MAX=1) unless the environment sets it. glibc gives each
//   thread that allocates an arena of its own and keeps what they free; other C libraries ignore it.
//
// Reads the environment files as `next start` does, so a DATABASE_URL in `.env` counts. Arguments go
// to `next start`; signals are passed on, and the exit code is the server's.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// @next/env is Next.js' own loader, resolved from where Next.js is installed.
createRequire(require.resolve('next/package.json'))('@next/env').loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });

const semiSpaceMb = process.env.DATABASE_URL ? 32 : 8;
const nodeFlags = /--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? '') ? [] : [`--max-semi-space-size=${semiSpaceMb}`];

const server = spawn(process.execPath, [...nodeFlags, require.resolve('next/dist/bin/next'), 'start', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { MALLOC_ARENA_MAX: '1', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
