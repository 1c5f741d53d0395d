// Imported first by the operators' commands (user:create, apikey:…, db:migrate, db:seed,
// outbox:process, retention:run, priorities:recompute): they read the environment files as
// `npm start` does, and say on standard error which database they work on, so that a command run
// without the production settings does not write into a new embedded database unnoticed.
import { errorForLog } from '@/lib/log';
import { loadEnvFiles } from './env-files.mjs';

loadEnvFiles();

function databaseName(): string {
  const url = process.env.DATABASE_URL;
  if (!url) return `embedded (PGlite) in ${process.env.PGLITE_DIR || './data/pglite'}`;
  try {
    const { host, pathname } = new URL(url);
    return `PostgreSQL at ${host}${pathname}`; // never the password
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

console.error(`Database: ${databaseName()}`);

/**
 * Runs a command's work: a failure ends it with exit code 1 and one line saying why (errorForLog:
 * a failed query's database error, never the values it sent).
 */
export function runCommand(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    console.error(errorForLog(error));
    process.exit(1);
  });
}
