import { DrizzleQueryError } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetEnvCache } from '@/lib/env';

// What the server says at start (README, "Logs"), with the database, the background jobs and the
// outbox loop stood in for: only the lines and the exit are under test.
const getDatabase = vi.fn();
vi.mock('@/lib/db/client', () => ({ getDatabase: () => getDatabase() }));
vi.mock('@/lib/jobs/schedule', () => ({ startBackgroundJobs: () => {} }));
vi.mock('@/lib/email/worker', () => ({ startOutboxWorker: () => false }));

const { startServer } = await import('./server-start');

const saved = { ...process.env };
let errors: string[];

beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Error(`exit ${code}`);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...saved };
  resetEnvCache();
});

describe('the server at start', () => {
  it('logs why the database is not ready, the database’s own error included, never the values sent', async () => {
    getDatabase.mockRejectedValueOnce(
      new DrizzleQueryError('CREATE SCHEMA IF NOT EXISTS "drizzle"', [], new Error('permission denied for database portal')),
    );
    await startServer();
    expect(errors).toEqual(['Database not ready at start: permission denied for database portal (in: CREATE SCHEMA IF NOT EXISTS "drizzle")']);
  });

  it('refuses an SMTP server without a sender instead of running with an outbox that never sends', async () => {
    process.env = { ...saved, SMTP_HOST: 'mail.stadt.example', SMTP_FROM: '' };
    resetEnvCache();
    await expect(startServer()).rejects.toThrow('exit 1');
    expect(errors).toEqual([expect.stringMatching(/^The server cannot start: Invalid environment: SMTP_FROM: must be set when SMTP_HOST is/)]);
  });
});
