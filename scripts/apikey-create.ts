// npm run apikey:create -- --name "Mängelmelder" — a new Open311 API key, printed once.
// Only its hash is stored; the key cannot be shown again. With the embedded database, stop the
// server first (PGlite serves one process).
import { runCommand } from './lib/operator-command';
import { parseArgs } from 'node:util';
import { closeDatabase, getDb } from '@/lib/db/client';
import { createApiKey } from '@/lib/open311/api-keys';

const usage = 'Usage: npm run apikey:create -- --name "Name of the client system"';

async function main() {
  const { values } = parseArgs({ options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return console.log(usage);
  if (!values.name?.trim()) throw new Error(usage);
  try {
    const key = await createApiKey(await getDb(), { name: values.name });
    console.log(`Created Open311 API key #${key.id} "${key.name}". It is shown only this once:\n\n${key.key}\n`);
    console.log(`Revoke it with: npm run apikey:revoke -- --id ${key.id}`);
  } finally {
    await closeDatabase();
  }
}

runCommand(main);
