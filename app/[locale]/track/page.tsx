import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { TrackForm, trackBase } from '@/components/report/track-form';
import type { TrackProblem } from '@/components/report/track-form-fields';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { redirect } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { publicPageTitle } from '@/lib/i18n/titles';
import { refFromTyped } from '@/lib/reports/ref-format';
import { getPublicReport } from '@/lib/reports/service';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('track');
  return { title: await publicPageTitle(t('formTitle')) };
}

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ ref?: string | string[] }> };

/**
 * The tracking form (also in the widget, app/[locale]/embed/track); `?ref=` is what the form sends
 * without JavaScript. A reference no report has is said here, beside the form: a 404 page, which
 * Next.js renders only in the browser, would be blank without JavaScript.
 */
export default async function TrackIndexPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { refPrefix } = getCityConfig();
  const typed = (await searchParams).ref;
  const sent = typeof typed === 'string' ? typed.slice(0, 200) : undefined;
  let problem: TrackProblem | undefined;
  if (sent !== undefined) {
    const ref = refFromTyped(sent, refPrefix);
    if (!sent.trim()) problem = 'empty';
    else if (!ref) problem = 'invalid';
    else if (await getPublicReport(await getDb(), ref, locale)) redirect({ href: `${await trackBase()}/${ref}`, locale });
    else problem = 'unknown';
  }
  const t = await getTranslations('track');
  return (
    <div className="container page narrow">
      <h1>{t('formTitle')}</h1>
      <TrackForm refPrefix={refPrefix} refused={sent} problem={problem} />
    </div>
  );
}
