// npm run db:seed — adds demo reports to a database that has none. Refused in production.
import { closeDatabase, getDatabase } from '@/lib/db/client';
import { isEmpty, seedDemoData } from '@/lib/db/seed/demo';
import { env } from '@/lib/env';

async function main() {
  if (env().NODE_ENV === 'production' && env().DATABASE_URL && !process.argv.includes('--force')) {
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
  } finally {
    await closeDatabase();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
