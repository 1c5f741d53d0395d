// npm run db:migrate — applies the migrations and loads the city data (districts, categories,
// default settings) into the database DATABASE_URL names, or the embedded one in PGLITE_DIR.
import { runCommand } from './lib/operator-command';
import { closeDatabase, getDatabase } from '@/lib/db/client';

async function main() {
  const { kind } = await getDatabase();
  await closeDatabase();
  console.log(`Database (${kind}) is migrated and has the city data.`);
}

runCommand(main);
