// npm run retention:run — deletes expired e-mail addresses, unconfirmed follows, old outbox
// messages and old accessibility feedback, and coarsens old closed reports now.
// The server also does this every hour; several instances never run it twice at once.
import { runCommand } from './lib/operator-command';
import { parseArgs } from 'node:util';
import { closeDatabase, getDatabase } from '@/lib/db/client';
import { runRetention } from '@/lib/jobs/retention';

async function main() {
  parseArgs({ options: {} }); // no options: a mistyped one is refused, not ignored
  const { db } = await getDatabase();
  try {
    const result = await runRetention(db);
    console.log(
      result
        ? `Deleted ${result.emailsDeleted} e-mail addresses, ${result.unconfirmedFollowsDeleted} unconfirmed follows, ${result.outboxDeleted} old outbox messages and ${result.feedbackPurged} old feedback messages or their addresses; coarsened ${result.coarsened} reports.`
        : 'Another instance is running the retention job.',
    );
  } finally {
    await closeDatabase();
  }
}

runCommand(main);
