import { sql } from 'drizzle-orm';
import { getCategorySeeds, getDistrictSeeds } from '@/lib/city/config';
import { bboxOf } from '@/lib/geo/bbox';
import { defaultSettings } from '@/lib/settings/defaults';
import type { Db } from '../client';
import { categories, districts, settings } from '../schema';

/**
 * Loads the city's data into a new database — production included: districts (only into an empty
 * table, so an admin's import is never overwritten), categories and default settings (only those
 * missing). Safe to run at every start. openDatabase checks the city's files (lib/city/check.ts)
 * before it calls this.
 */
export async function ensureCityData(db: Db) {
  const seeds = getCategorySeeds();
  await db
    .insert(categories)
    .values(seeds.map((c, i) => ({ ...c, sortOrder: i })))
    .onConflictDoNothing({ target: categories.slug });

  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(districts);
  if (count === 0) {
    const features = getDistrictSeeds().features;
    await db
      .insert(districts)
      .values(
        features.map((f) => ({
          slug: f.properties.slug,
          name: f.properties.name,
          geometry: f.geometry,
          bbox: bboxOf(f.geometry),
        })),
      )
      .onConflictDoNothing({ target: districts.slug });
  }

  await db
    .insert(settings)
    .values(Object.entries(defaultSettings).map(([key, value]) => ({ key, value })))
    .onConflictDoNothing({ target: settings.key });
}
