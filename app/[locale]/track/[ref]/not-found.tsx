import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TrackForm } from '@/components/report/track-form';
import { publicPageTitle } from '@/lib/i18n/titles';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('track');
  return { title: await publicPageTitle(t('notFoundHeading')), robots: { index: false } };
}

/** A reference that names no report (404): say so beside it, in the form to type it again. */
export default async function TrackNotFound() {
  const t = await getTranslations('track');
  return (
    <div className="container page narrow">
      <h1>{t('notFoundHeading')}</h1>
      <TrackForm refusedInPath problem="unknown" />
    </div>
  );
}
