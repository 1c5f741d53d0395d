import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
const tilePort = Number(process.env.TILE_STUB_PORT ?? 3211);
export const baseURL = `http://localhost:${port}`;
// Unknown references one address may look up per hour: above what the whole suite looks up from
// one address; the spec that reaches it reads it here (workers inherit the environment).
process.env.E2E_REF_LOOKUP_LIMIT ??= '100';

// Debian's Chromium where there is one (this machine cannot download Playwright's own browser).
const systemChromium = '/usr/bin/chromium';
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    }
  : {};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  outputDir: 'test-results/e2e',
  use: {
    baseURL,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    trace: 'retain-on-failure',
    launchOptions,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
  webServer: [
    {
      command: 'node e2e/tile-stub.mjs',
      url: `http://127.0.0.1:${tilePort}/count`,
      env: { TILE_STUB_PORT: String(tilePort) },
      reuseExistingServer: false,
    },
    {
      // The production build, on a fresh in-memory database, with tiles from the local stub.
      command: `npm start --silent -- -p ${port}`,
      url: `${baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        PGLITE_DIR: 'memory://e2e',
        AUTH_SECRET: 'e2e-secret-not-for-production-0123456789',
        AUTH_TRUST_HOST: 'true',
        TILE_UPSTREAM: `http://127.0.0.1:${tilePort}/{z}/{x}/{y}.png`,
        TILE_CACHE_DIR: './data/e2e/tiles',
        REPORT_RATE_LIMIT_PER_HOUR: '10000',
        REF_LOOKUP_RATE_LIMIT_PER_HOUR: process.env.E2E_REF_LOOKUP_LIMIT,
        // The demo staff logins (lib/db/seed/demo-users.ts), for e2e/staff-sign-in.spec.ts.
        SEED_DEMO: '1',
      },
    },
  ],
});
