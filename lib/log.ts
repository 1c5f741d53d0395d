import { DrizzleQueryError } from 'drizzle-orm';

/**
 * An error as the server's log may show it. A failed query's message carries the values it was
 * sent, which can be what a resident or a staff member typed (a description, an e-mail address,
 * a note): the log gets the statement and the database's own error instead, never the values.
 */
export function errorForLog(error: unknown): string {
  if (error instanceof DrizzleQueryError) {
    const cause = error.cause instanceof Error ? error.cause.message : 'no database error given';
    return `${cause} (in: ${error.query.replace(/\s+/g, ' ').slice(0, 300)})`;
  }
  return error instanceof Error ? error.message : String(error);
}
