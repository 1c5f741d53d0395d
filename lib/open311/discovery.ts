import { getCityConfig } from '@/lib/city/config';

/** When this server's GeoReport interface last changed (discovery's "changeset"). */
export const OPEN311_CHANGESET = '2026-11-28T00:00:00Z';
export const OPEN311_BASE_PATH = '/api/open311/v2';

export type Discovery = {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: {
    specification: string;
    url: string;
    changeset: string;
    type: 'production' | 'test';
    formats: string[];
  }[];
};

/** The service discovery document (wiki.open311.org/Service_Discovery). */
export function getDiscovery(origin: string): Discovery {
  const { operator } = getCityConfig();
  return {
    changeset: OPEN311_CHANGESET,
    contact: `${operator.name}, ${operator.email}, ${operator.phone}`,
    key_service: `API-Schlüssel für POST requests und zum Durchsuchen mit GET requests (ohne service_request_id) vergibt ${operator.name} (${operator.email}).`,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${origin}${OPEN311_BASE_PATH}`,
        changeset: OPEN311_CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
