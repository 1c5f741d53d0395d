import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { settings } from '@/lib/db/schema';
import { defaultSettings, MIN_PRIVACY_K, type SettingKey } from './defaults';

export type SettingValue<K extends SettingKey> = (typeof defaultSettings)[K];

/** A setting's value, or its default when unset or of the wrong type. */
export async function getSetting<K extends SettingKey>(db: Db, key: K): Promise<SettingValue<K>> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  const fallback = defaultSettings[key];
  const sameType = row && typeof row.value === typeof fallback && Array.isArray(row.value) === Array.isArray(fallback);
  const value = sameType ? row.value : fallback;
  if (key === 'privacy.k') return Math.max(MIN_PRIVACY_K, Number(value)) as SettingValue<K>;
  return value as SettingValue<K>;
}
