import { getTranslations } from 'next-intl/server';
import { getCityConfig } from '@/lib/city/config';

/** A public page's title, the page first and the portal after it: "Impressum – Sicherheitsportal Lünen". */
export async function publicPageTitle(page: string): Promise<string> {
  const t = await getTranslations('common');
  return t('pageTitle', { page, city: getCityConfig().name });
}
