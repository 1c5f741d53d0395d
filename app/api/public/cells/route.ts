import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { apiError, withApiErrors } from '@/lib/http/api';
import { getPublicCellCollection, publicCellsQuerySchema } from '@/lib/reports/public-cells';

export const dynamic = 'force-dynamic';

const messages: Record<string, string> = {
  bbox_required: 'bbox is required: minLon,minLat,maxLon,maxLat',
  bbox_invalid: 'bbox must be four numbers minLon,minLat,maxLon,maxLat with min < max, spanning at most 1 degree',
  category_unknown: 'Unknown category',
  time_invalid: 'time must be one of morning, day, evening, night',
};

/** GET /api/public/cells?bbox=…[&category=…][&time=…] — aggregated hexagons, k-anonymous. */
export const GET = withApiErrors(async (request: Request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = publicCellsQuerySchema.safeParse(params);
  if (!parsed.success) {
    const fields = Object.fromEntries(
      parsed.error.issues.map((issue) => [String(issue.path[0]), messages[issue.message] ?? issue.message]),
    );
    return apiError(400, 'invalid_query', 'The query is not valid.', { fields });
  }
  const result = await getPublicCellCollection(await getDb(), parsed.data);
  if (!result.ok) return apiError(400, 'invalid_query', 'The query is not valid.', { fields: { category: messages.category_unknown } });
  return NextResponse.json(result.value, {
    headers: { 'Content-Type': 'application/geo+json', 'Cache-Control': 'public, max-age=60' },
  });
});
