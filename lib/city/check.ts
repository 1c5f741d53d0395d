import { validateDistrictCollection, type DistrictImportError } from '@/lib/districts/import';
import { cityFile, getCategorySeeds, getCityConfig, getDistrictSeeds } from './config';

function problemText(error: DistrictImportError): string {
  const where = error.feature === null ? '' : `feature ${error.feature}${error.slug ? ` (${error.slug})` : ''}: `;
  return `${where}${error.code}${error.detail ? ` ${error.detail}` : ''}`;
}

/**
 * The city's folder, read as the server will need it (lib/server-start.ts, at start): city.json
 * and categories.json against their schemas, the districts as the admin's import checks them. A
 * city that cannot be read stops the server with the file and the problem named, instead of
 * answering every request with an error.
 */
export function checkCityFiles(): void {
  const city = getCityConfig();
  getCategorySeeds();
  const districts = validateDistrictCollection(getDistrictSeeds(), city.bounds);
  if (!districts.ok) throw new Error(`${cityFile('districts.geojson')}: ${districts.errors.slice(0, 5).map(problemText).join('; ')}`);
}
