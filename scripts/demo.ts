// npm run demo — build if needed, migrate, seed demo data into a new database, and serve the
// production build on PORT (default 3000). Prints the URL and the demo staff logins.
import { createServer } from 'node:net';
import { closeDatabase, getDatabase } from '@/lib/db/client';
import { countUsers, findUserByEmail } from '@/lib/auth/users';
import { DEMO_OPEN311_KEY, hasDemoApiKey, isEmpty, seedDemoData } from '@/lib/db/seed/demo';
import { DEMO_PASSWORD, demoUsers, seedDemoUsers } from '@/lib/db/seed/demo-users';
import { env, serverSecret } from '@/lib/env';
import { buildIfNeeded } from './build';
import { loadEnvFiles } from './lib/env-files.mjs';
import { startNextServer, stopNextServer, waitHealthy } from './lib/next-server';
import { errorForLog } from '@/lib/log';

/** Whether a server may listen on the port (as `next start` does, on all addresses). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, () => probe.close(() => resolve(true)));
  });
}

async function main() {
  // The environment files as npm start reads them: a DATABASE_URL there would reach the server.
  loadEnvFiles();
  // Demo data never goes into PostgreSQL (lib/db/seed/demo-users.ts): a shell with production's
  // DATABASE_URL must not get 400 made-up reports and logins with a published password.
  if (env().DATABASE_URL) throw new Error('npm run demo runs on the embedded database (PGLITE_DIR). Unset DATABASE_URL to run it; on PostgreSQL use npm start.');
  const port = process.env.PORT ?? '3000';
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65_535) throw new Error(`PORT must be a port number from 1 to 65535, not "${port}".`);
  // Before building and seeding, which take a while, and with what to do instead of Next.js' EADDRINUSE.
  if (!(await portFree(Number(port)))) {
    throw new Error(`Port ${port} is in use, perhaps by another \`npm run demo\`. Stop that, or choose another port: PORT=8080 npm run demo`);
  }
  // The embedded database and the session secret need no configuration for the demo.
  const childEnv = { ...process.env, AUTH_SECRET: serverSecret(), AUTH_TRUST_HOST: 'true', PORT: port };

  buildIfNeeded(childEnv);

  // Migrate and seed here, then let go of the database: PGlite serves one process, the server.
  const { db } = await getDatabase();
  if (await isEmpty(db)) {
    console.log('New database: adding demo data …');
    const count = await seedDemoData(db);
    console.log(`Added ${count} demo reports.`);
  }
  // Also into a demo database made before there were staff logins; never beside real accounts.
  if ((await countUsers(db)) === 0) await seedDemoUsers(db);
  const logins = [];
  for (const user of demoUsers) if (await findUserByEmail(db, user.email)) logins.push(user);
  const demoApiKey = await hasDemoApiKey(db);
  await closeDatabase();

  // In a process group of its own, which a signal to this script reaches as a whole: Ctrl+C, a
  // closed terminal or a `kill` of this process alone stops the server too, instead of leaving it
  // holding the port and the embedded database.
  const server = startNextServer(Number(port), childEnv, { inheritOutput: true });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stopNextServer(server, signal));
  server.on('exit', (code) => process.exit(code ?? 0));

  const url = `http://localhost:${port}`;
  if (!(await waitHealthy(Number(port)))) {
    stopNextServer(server);
    throw new Error(`The server did not answer at ${url}/api/health within a minute.`);
  }
  console.log(`\nSicherheitsportal is running at ${url} (embedded database in ${env().PGLITE_DIR}).`);
  if (logins.length > 0) {
    console.log(`\nStaff sign-in at ${url}/staff/login — demo logins, all with the password ${DEMO_PASSWORD}:`);
    for (const user of logins) console.log(`  ${user.email.padEnd(26)} ${user.roles.join(', ')}`);
  }
  if (demoApiKey) console.log(`\nOpen311: ${url}/api/open311/v2/discovery.json — demo api_key ${DEMO_OPEN311_KEY}`);
  console.log('\nStop it with Ctrl+C.\n');
}

main().catch((error: unknown) => {
  console.error(errorForLog(error));
  process.exit(1);
});
