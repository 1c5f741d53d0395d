// npm run db:seed — adds demo reports to a database that has none, and the demo staff logins to a
// database without users. Refused in production.
import { parseArgs } from 'node:util';
import { closeDatabase, getDatabase } from '@/lib/db/client';
import { countUsers } from '@/lib/auth/users';
import { isEmpty, seedDemoData } from '@/lib/db/seed/demo';
import { DEMO_PASSWORD, seedDemoUsers } from '@/lib/db/seed/demo-users';
import { env } from '@/lib/env';

async function main() {
  const force = parseArgs({ options: { force: { type: 'boolean', default: false } } }).values.force;
  if (env().NODE_ENV === 'production' && env().DATABASE_URL && !force) {
    throw new Error('Refusing to add demo data to a production database (pass --force if you really mean it).');
  }
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

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
