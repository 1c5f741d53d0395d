// What the Node.js server does once when it starts (instrumentation.ts): tune the heap, migrate and
// load the city data before the first request, start the background jobs, and start the e-mail
// outbox loop when SMTP is configured (lib/email/worker.ts).
import { setFlagsFromString } from 'node:v8';
import { getDatabase } from '@/lib/db/client';
import { startOutboxWorker } from '@/lib/email/worker';
import { checkCityFiles } from '@/lib/city/check';
import { checkProductionSettings, env, serverSecret } from '@/lib/env';
import { startBackgroundJobs } from '@/lib/jobs/schedule';
import { errorForLog } from '@/lib/log';

export async function startServer() {
  // A setting the server cannot use is no passing fault, as an unreachable database is: stop now and
  // name it, rather than run on and answer every request with an error.
  try {
    checkProductionSettings(env());
    serverSecret();
    checkCityFiles();
  } catch (error) {
    console.error(`The server cannot start: ${(error as Error).message} (README.md, "Configuration")`);
    process.exit(1);
  }
  // V8 lets the heap grow to up to four times what survived the last full collection before it
  // collects again: under the intake load (`npm run bench`) about 75 MB live became 300 MB of
  // heap and 430 MB resident. Growing by half instead keeps the server at about 250 MB at the same
  // rate. It is no limit: a large recomputation still gets the memory it holds.
  setFlagsFromString('--heap-growing-percent=50');
  try {
    const { kind } = await getDatabase();
    console.log(`Database ready (${kind}).`);
  } catch (error) {
    // The app still starts; requests answer 503 until the database is reachable. A failed
    // migration's own message names only the statement: the database's error is its cause.
    console.error(`Database not ready at start: ${errorForLog(error)}`);
  }
  startBackgroundJobs();
  try {
    const seconds = env().OUTBOX_INTERVAL_SECONDS;
    console.log(startOutboxWorker(seconds * 1000) ? `E-mail outbox: sending by SMTP every ${seconds} s.` : 'E-mail outbox: no SMTP_HOST, messages wait in the outbox.');
  } catch (error) {
    // Should the outbox not start, the portal runs, messages wait, and the log says why.
    console.error(`E-mail outbox not started: ${(error as Error).message}`);
  }
}
