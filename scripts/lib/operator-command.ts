// Imported first by the operators' commands (user:create, apikey:…, db:migrate, db:seed,
// outbox:process, retention:run, priorities:recompute): they read the environment files as
// `npm start` does, and say on standard error which database they work on, so that a command run
// without the production settings does not write into a new embedded database unnoticed.
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
