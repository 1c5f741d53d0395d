import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getCityConfig } from '@/lib/city/config';

/** The headings (under admin in messages/*.json) that admin pages are titled with. */
type TitleKey = 'apiKeys.title' | 'audit.title' | 'categories.createTitle' | 'categories.editTitle' | 'categories.title' | 'districts.title' | 'feedback.title' | 'outbox.title' | 'overview.title' | 'pageTexts.editTitle' | 'settings.title' | 'users.createTitle' | 'users.editTitle' | 'users.title';

/** The <title> of an admin page: its heading, the administration and the city; never indexed. */
export async function adminMetadata(titleKey: TitleKey): Promise<Metadata> {
  const t = await getTranslations('admin');
  const city = getCityConfig().name;
  // The overview is the administration itself: "Verwaltung – Lünen", not "Verwaltung – Verwaltung – Lünen".
  const title = titleKey === 'overview.title' ? `${t('overview.title')} – ${city}` : t('metaTitle', { page: t(titleKey), city });
  return { title, robots: { index: false } };
}
