// npm start: `next start` in a process of its own, started with the settings of serverProcess
// (./lib/server-process.mjs), which a process takes only when it starts. Reads the environment
// files as `next start` does, so a DATABASE_URL in `.env` counts. Arguments go to `next start`;
// signals are passed on, and the exit code is the server's.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadEnvFiles } from './lib/env-files.mjs';
import { serverProcess } from './lib/server-process.mjs';

const require = createRequire(import.meta.url);
loadEnvFiles();

const { nodeFlags, env } = serverProcess(process.env);
const server = spawn(process.execPath, [...nodeFlags, require.resolve('next/dist/bin/next'), 'start', ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
