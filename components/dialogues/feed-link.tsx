import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n/routing';

/** The Atom feed (/feed.xml: dialogues, measures, progress) in the page's language. */
export const feedPath = (locale: Locale) => (locale === 'de' ? '/feed.xml' : `/feed.xml?locale=${locale}`);

/** The feed for a page's metadata: browsers and feed readers find it there. */
export const feedAlternate = (locale: Locale) => ({ types: { 'application/atom+xml': feedPath(locale) } });

/** The visible link to the feed, under the lists of dialogues and measures. */
export async function FeedLink({ locale }: { locale: Locale }) {
  const t = await getTranslations('dialogues');
  return (
    <p>
      <a href={feedPath(locale)}>{t('feed')}</a>
    </p>
  );
}
