import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { TrackForm, trackBase } from '@/components/report/track-form';
import { getCityConfig } from '@/lib/city/config';
import { redirect } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { publicPageTitle } from '@/lib/i18n/titles';
import { normalizeRef } from '@/lib/reports/ref-format';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('track');
  return { title: await publicPageTitle(t('formTitle')) };
}

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ ref?: string | string[] }> };

/** The tracking form (also in the widget, app/[locale]/embed/track); `?ref=` is what the form sends without JavaScript. */
export default async function TrackIndexPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const typed = (await searchParams).ref;
  const sent = typeof typed === 'string' ? typed.slice(0, 100) : undefined;
  const ref = sent === undefined ? null : normalizeRef(sent);
  if (ref) redirect({ href: `${await trackBase()}/${ref}`, locale });
  const t = await getTranslations('track');
  return (
    <div className="container page narrow">
      <h1>{t('formTitle')}</h1>
      <TrackForm refPrefix={getCityConfig().refPrefix} refused={sent} />
    </div>
  );
}
