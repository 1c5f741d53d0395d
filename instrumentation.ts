// Runs once when the server starts (lib/server-start.ts). The condition stands inline so that the
// Edge build drops the import of Node.js-only code.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') await (await import('@/lib/server-start')).startServer();
}
