import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getCityConfig } from '@/lib/city/config';

/** The headings (under admin in messages/*.json) that admin pages are titled with. */
type TitleKey = 'apiKeys.title' | 'audit.title' | 'categories.createTitle' | 'categories.editTitle' | 'categories.title' | 'districts.title' | 'feedback.title' | 'outbox.title' | 'pageTexts.editTitle' | 'settings.title' | 'users.createTitle' | 'users.editTitle' | 'users.title';

/**
 * The <title> of an admin page: its heading, the administration and the city; never indexed.
 * Without a heading, the administration's own page ("Verwaltung – Lünen").
 */
export async function adminMetadata(titleKey?: TitleKey): Promise<Metadata> {
  const t = await getTranslations('admin');
  const city = getCityConfig().name;
  return { title: titleKey ? t('metaTitle', { page: t(titleKey), city }) : t('overviewMetaTitle', { city }), robots: { index: false } };
}
