// npm run db:migrate — applies the migrations and loads the city data (districts, categories,
// default settings) into the database DATABASE_URL names, or the embedded one in PGLITE_DIR.
import './lib/operator-command';
import { closeDatabase, getDatabase } from '@/lib/db/client';
import { errorForLog } from '@/lib/log';

async function main() {
  const { kind } = await getDatabase();
  await closeDatabase();
  console.log(`Database (${kind}) is migrated and has the city data.`);
}

main().catch((error: unknown) => {
  console.error(errorForLog(error));
  process.exit(1);
});
