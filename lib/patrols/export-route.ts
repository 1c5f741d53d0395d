import { requireApiRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { apiError } from '@/lib/http/api';
import { getMessages, negotiateLocale } from '@/lib/i18n/messages';
import { exportLabels } from './format';
import { getPlan, type PlanView } from './service';
import { planReaders } from './team';
import type { ExportLabels } from './export';

const noStore = { 'Cache-Control': 'no-store' };

/**
 * GET /api/staff/patrols/{id}/plan.gpx and …/plan.geojson: a plan for the team's devices. Everyone
 * who may read plans; not audited, as it holds no personal data (places and times only).
 */
export async function planDownload(
  request: Request,
  context: { params: Promise<{ id: string }> },
  file: { extension: string; type: string; body: (view: PlanView, labels: ExportLabels) => string },
): Promise<Response> {
  const auth = await requireApiRole(request, ...planReaders);
  if (!auth.ok) return auth.response;
  const locale = negotiateLocale(new URL(request.url).searchParams.get('locale'), request.headers.get('accept-language'));
  const { id } = await context.params;
  const view = /^\d{1,9}$/.test(id) ? await getPlan(await getDb(), Number(id)) : null;
  if (!view) return apiError(404, 'not_found', getMessages(locale).patrols.errors.not_found, { headers: noStore });
  return new Response(file.body(view, exportLabels(view.plan, view.schedule, locale)), {
    headers: {
      ...noStore,
      'Content-Type': `${file.type}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="streifenplan-${view.plan.id}-${view.plan.shiftDate}.${file.extension}"`,
    },
  });
}
