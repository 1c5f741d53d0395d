import { getTranslations } from 'next-intl/server';
import type { PatrolStopReasons } from '@/lib/db/schema';
import type { SlotId } from '@/lib/priorities/slots';

/**
 * Why a stop is on the plan, in words a patrol team reads in a few seconds: the priority's
 * components (DESIGN.md, "Patrol priorities"), the times of the week it matters, its trend.
 */
export async function StopReasons({ reasons, categoryLabels, locale }: { reasons: PatrolStopReasons | null; categoryLabels: Map<string, string>; locale: string }) {
  const t = await getTranslations('patrols');
  if (!reasons) return <>{t('reasons.none')}</>;
  const number = (n: number, digits = 1) => n.toLocaleString(locale, { maximumFractionDigits: digits });
  const categories = Object.entries(reasons.categories)
    .sort((a, b) => b[1] - a[1])
    .map(([slug, n]) => `${categoryLabels.get(slug) ?? slug} (${n})`);
  const ratio = reasons.trendRatio;
  return (
    <>
      {t('reasons.text', { reports: reasons.reports, reporters: reasons.reporters, days: Math.round(reasons.newestDays), severity: number(reasons.severity), z: number(reasons.z) })}{' '}
      {reasons.topSlots.length > 0 && <>{t('reasons.when', { slots: reasons.topSlots.map((s) => t(`slots.${s as SlotId}`)).join(', ') })} </>}
      {categories.length > 0 && <>{t('reasons.categories', { list: categories.join(', ') })} </>}
      {ratio !== null && ratio >= 1.25 && <>{t('reasons.trendUp', { ratio: number(ratio) })} </>}
      {ratio !== null && ratio <= 0.8 && <>{t('reasons.trendDown', { ratio: number(ratio) })} </>}
      {!reasons.gated && <strong>{t('reasons.ungated')}</strong>}
    </>
  );
}
