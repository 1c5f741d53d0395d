// npm run apikey:revoke -- --id 3 — revokes an Open311 API key for good (admins can also do it
// at /staff/admin/api-keys). `npm run apikey:list` shows the keys.
import { runCommand } from './lib/operator-command';
import { parseArgs } from 'node:util';
import { closeDatabase, getDb } from '@/lib/db/client';
import { listApiKeys, revokeApiKey } from '@/lib/open311/api-keys';

const usage = 'Usage: npm run apikey:revoke -- --id <number>   (npm run apikey:list shows the keys)';

async function main() {
  const { values } = parseArgs({ options: { id: { type: 'string' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return console.log(usage);
  try {
    const db = await getDb();
    if (values.list) {
      const keys = await listApiKeys(db);
      if (keys.length === 0) console.log('No API keys yet. Create one with: npm run apikey:create -- --name "Name of the client system"');
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
        const used = k.lastUsedAt ? `last used ${k.lastUsedAt.toISOString()}` : 'never used';
        console.log(`#${k.id}  ${k.prefix}…  ${k.name}  (${state}, ${used})`);
      }
      return;
    }
    const id = Number(values.id);
    if (!Number.isInteger(id) || id <= 0) throw new Error(usage);
    if (!(await revokeApiKey(db, id))) throw new Error(`No active API key #${id}: nothing was revoked (npm run apikey:list shows the keys).`);
    console.log(`Revoked API key #${id}.`);
  } finally {
    await closeDatabase();
  }
}

runCommand(main);
