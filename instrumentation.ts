// Runs once when the server starts: migrate and load the city data before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
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
}
