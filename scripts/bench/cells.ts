// Public map cells: GET /api/public/cells for the whole city's viewport, called in-process through
// the route handler itself (parsing, query, GeoJSON, JSON body), without HTTP in between.
import { GET } from '@/app/api/public/cells/route';
import { setDatabaseForTests, type Database } from '@/lib/db/client';
import { p95 } from './timing';

const CITY_VIEWPORT = '7.45,51.56,7.60,51.65';

export async function benchCells(database: Database) {
  setDatabaseForTests(database);
  try {
    const call = (query: string) => async () => {
      const response = await GET(new Request(`http://localhost/api/public/cells?${query}`));
      if (response.status !== 200) throw new Error(`cells answered ${response.status}`);
      return response.json();
    };
    const body = (await call(`bbox=${CITY_VIEWPORT}`)()) as { features: unknown[] };
    return {
      p95Ms: await p95(call(`bbox=${CITY_VIEWPORT}`)),
      filteredP95Ms: await p95(call(`bbox=${CITY_VIEWPORT}&category=drugs&time=night`)),
      features: body.features.length,
    };
  } finally {
    setDatabaseForTests(undefined);
  }
}
