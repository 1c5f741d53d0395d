// npm run outbox:process [-- --batch 20] — sends the e-mail that is due in the outbox once, by the
// SMTP settings in the environment (lib/email/outbox.ts; old messages go with the retention job).
// For cron jobs and for operators; a running server does the same every 30 s by itself. With the embedded
// database (PGlite) only one process may open it: stop the server first, or let it do the work.
import { runCommand } from './lib/operator-command';
import { parseArgs } from 'node:util';
import { closeDatabase, getDatabase } from '@/lib/db/client';
import { countOutbox, processOutbox } from '@/lib/email/outbox';
import { senderFromEnv } from '@/lib/email/smtp';

async function main() {
  const { values } = parseArgs({ options: { batch: { type: 'string', default: '20' } } });
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 1000) throw new Error('--batch must be a whole number from 1 to 1000.');
  const sender = senderFromEnv();
  const { db } = await getDatabase();
  try {
    if (!sender) {
      const counts = await countOutbox(db);
      console.log(`SMTP_HOST is not set: nothing sent. Waiting: ${counts.pending} pending, ${counts.failed} failed.`);
      return;
    }
    const total = { sent: 0, retrying: 0, failed: 0 };
    for (;;) {
      const run = await processOutbox(db, { sender, batch });
      total.sent += run.sent;
      total.retrying += run.retrying;
      total.failed += run.failed;
      if (run.claimed < batch) break;
    }
    console.log(`Outbox: ${total.sent} sent, ${total.retrying} to retry later, ${total.failed} failed for good.`);
    // For cron and monitoring: every message it tried failed, as when the SMTP server is away.
    if (total.sent === 0 && total.retrying + total.failed > 0) {
      console.error('No message could be sent: is the SMTP server reachable, and are its settings right? (Administration → Outbox shows the last error.)');
      process.exitCode = 1;
    }
  } finally {
    sender?.close();
    await closeDatabase();
  }
}

runCommand(main);
