// npm run retention:run — deletes expired e-mail addresses, unconfirmed follows and old outbox
// messages, and coarsens old closed reports now.
// The server also does this every hour; several instances never run it twice at once.
import { closeDatabase, getDatabase } from '@/lib/db/client';
import { runRetention } from '@/lib/jobs/retention';

async function main() {
  const { db } = await getDatabase();
  try {
    const result = await runRetention(db);
    console.log(
      result
        ? `Deleted ${result.emailsDeleted} e-mail addresses, ${result.unconfirmedFollowsDeleted} unconfirmed follows and ${result.outboxDeleted} old outbox messages; coarsened ${result.coarsened} reports.`
        : 'Another instance is running the retention job.',
    );
  } finally {
    await closeDatabase();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
