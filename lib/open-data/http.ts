import type { Db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { getSetting } from '@/lib/settings/queries';
import { OPEN_DATA_BASE_PATH } from './exports';

/**
 * Headers every export carries: where its description and licence are (Link, RFC 8288 — CSV
 * has no place of its own for them), a file name for downloads, and open CORS: the data is public.
 */
export async function exportHeaders(db: Db, origin: string, file: string, contentType: string): Promise<HeadersInit> {
  const licence = await getSetting(db, 'openData.licence');
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="sicherheitsportal-${env().CITY}-${file}"`,
    Link: `<${licence.url}>; rel="license", <${origin}${OPEN_DATA_BASE_PATH}/metadata.json>; rel="describedby"`,
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'public, max-age=300',
  };
}
