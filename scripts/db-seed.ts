// npm run db:seed — adds demo reports to a database that has none, and the demo staff logins to a
// database without users. Refused on PostgreSQL without --force.
import { runCommand } from './lib/operator-command';
import { parseArgs } from 'node:util';
import { closeDatabase, getDatabase } from '@/lib/db/client';
import { countUsers } from '@/lib/auth/users';
import { isEmpty, seedDemoData } from '@/lib/db/seed/demo';
import { DEMO_PASSWORD, DEMO_REFUSED, isPostgresDatabase, seedDemoUsers } from '@/lib/db/seed/demo-users';

async function main() {
  const force = parseArgs({ options: { force: { type: 'boolean', default: false } } }).values.force;
  if (isPostgresDatabase() && !force) throw new Error(`${DEMO_REFUSED} (pass --force if you really mean it).`);
  const { db, kind } = await getDatabase();
  try {
    if (await isEmpty(db)) {
      const count = await seedDemoData(db);
      console.log(`Added ${count} demo reports to the ${kind} database.`);
    } else {
      console.log(`The ${kind} database already has reports; demo data is added only to a new database.`);
    }
    if ((await countUsers(db)) === 0) {
      const count = await seedDemoUsers(db, { force });
      console.log(`Added ${count} demo staff logins (password ${DEMO_PASSWORD}).`);
    }
  } finally {
    await closeDatabase();
  }
}

runCommand(main);
