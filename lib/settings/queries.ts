import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { settings } from '@/lib/db/schema';
import { defaultSettings, MIN_PRIVACY_K, type SettingKey } from './defaults';

type Default<K extends SettingKey> = (typeof defaultSettings)[K];
export type SettingValue<K extends SettingKey> = Default<K> extends number ? number : Default<K> extends string ? string : Default<K>;

/** True when `value` has the default's type and, for objects, each of its fields with their types. */
function hasShapeOf(value: unknown, fallback: unknown): boolean {
  if (Array.isArray(fallback)) return Array.isArray(value);
  if (value === null || typeof value !== typeof fallback) return false;
  if (typeof fallback !== 'object' || fallback === null) return true;
  return Object.entries(fallback).every(([field, v]) => hasShapeOf((value as Record<string, unknown>)[field], v));
}

/** A setting's value, or its default when unset or of the wrong type. */
export async function getSetting<K extends SettingKey>(db: Db, key: K): Promise<SettingValue<K>> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  const fallback = defaultSettings[key];
  const value = row && hasShapeOf(row.value, fallback) ? row.value : fallback;
  if (key === 'privacy.k') return Math.max(MIN_PRIVACY_K, Number(value)) as SettingValue<K>;
  return value as SettingValue<K>;
}
