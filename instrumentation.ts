// Runs once when the server starts: migrate and load the city data before the first request, then
// start the e-mail outbox loop when SMTP is configured (lib/email/worker.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  // V8 lets the heap grow to up to four times what survived the last full collection before it
  // collects again: under the intake load (`npm run bench`) about 75 MB live became 300 MB of
  // heap and 430 MB resident. Growing by half instead keeps the server at about 250 MB at the same
  // rate. It is no limit: a large recomputation still gets the memory it holds.
  // (The condition again, inline, so the Edge build drops this import of a Node.js module.)
  if (process.env.NEXT_RUNTIME === 'nodejs') (await import('node:v8')).setFlagsFromString('--heap-growing-percent=50');
  const { getDatabase } = await import('@/lib/db/client');
  try {
    const { kind } = await getDatabase();
    console.log(`Database ready (${kind}).`);
  } catch (error) {
    // The app still starts; requests answer 503 until the database is reachable.
    console.error(`Database not ready at start: ${(error as Error).message}`);
  }
  const { startBackgroundJobs } = await import('@/lib/jobs/schedule');
  startBackgroundJobs();
  try {
    const { startOutboxWorker } = await import('@/lib/email/worker');
    const { env } = await import('@/lib/env');
    const seconds = env().OUTBOX_INTERVAL_SECONDS;
    console.log(startOutboxWorker(seconds * 1000) ? `E-mail outbox: sending by SMTP every ${seconds} s.` : 'E-mail outbox: no SMTP_HOST, messages wait in the outbox.');
  } catch (error) {
    // E.g. SMTP_HOST without SMTP_FROM: the portal runs, messages wait, and the log says why.
    console.error(`E-mail outbox not started: ${(error as Error).message}`);
  }
}
