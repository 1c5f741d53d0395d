import { getCityConfig } from '@/lib/city/config';
import type { Db } from '@/lib/db/client';
import type { PatrolStartPoint } from '@/lib/db/schema';
import { getSetting } from '@/lib/settings/queries';

export type PatrolSettings = { startPoints: PatrolStartPoint[]; dwellMinutes: number; revisitMinutes: number };

/** The start points an admin set, else the city's defaults, else its map centre. */
export function effectiveStartPoints(configured: readonly PatrolStartPoint[]): PatrolStartPoint[] {
  if (configured.length > 0) return [...configured];
  const city = getCityConfig();
  return city.patrolStartPoints?.length ? city.patrolStartPoints : [{ name: city.name, ...city.center }];
}

export async function getPatrolSettings(db: Db): Promise<PatrolSettings> {
  const [startPoints, dwellMinutes, revisitMinutes] = await Promise.all([
    getSetting(db, 'patrol.startPoints'),
    getSetting(db, 'patrol.dwellMinutes'),
    getSetting(db, 'patrol.revisitMinutes'),
  ]);
  return { startPoints: effectiveStartPoints(startPoints), dwellMinutes, revisitMinutes };
}
