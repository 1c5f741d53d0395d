import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // next-auth and next-intl import `next/server` and `next/navigation` without an extension, which Node's ESM loader refuses: let Vite resolve it.
    server: { deps: { inline: ['next-auth', '@auth/core', 'next-intl'] } },
    // A test file waits on databases, SMTP and child processes much of the time: on a 2-core machine
    // two files at once took the suite from about 10 to under 7 minutes (Vitest's default is one
    // worker fewer than the cores). Each file has its own database, so files never meet.
    maxWorkers: Math.max(availableParallelism(), 2),
    // Integration tests open a database per file; PGlite takes a few seconds to start.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      AUTH_SECRET: 'test-secret-not-for-production-0123456789',
      PGLITE_DIR: './data/test/pglite',
      REPORT_RATE_LIMIT_PER_HOUR: '1000',
      OPEN311_RATE_LIMIT_PER_HOUR: '0',
      OPEN311_READ_RATE_LIMIT_PER_HOUR: '0',
    },
  },
});
