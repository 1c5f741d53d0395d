import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { TrackForm } from '@/components/report/track-form';
import { getCityConfig } from '@/lib/city/config';
import type { Locale } from '@/lib/i18n/routing';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('track');
  return { title: `${t('formTitle')} – ${getCityConfig().name}` };
}

export default async function TrackIndexPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('track');
  return (
    <div className="container page narrow">
      <h1>{t('formTitle')}</h1>
      <TrackForm refPrefix={getCityConfig().refPrefix} />
    </div>
  );
}
