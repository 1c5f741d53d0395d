import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { headers } from 'next/headers';
import { TrackFormPage, trackBase } from '@/components/report/track-form';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { redirect } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { publicPageTitle } from '@/lib/i18n/titles';
import { refFromTyped } from '@/lib/reports/ref-format';
import { lookUpPublicReport } from '@/lib/reports/lookup';

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
  const typed = (await searchParams).ref;
  const sent = typeof typed === 'string' ? typed.slice(0, 200) : undefined;
  if (sent === undefined) return <TrackFormPage />;
  const ref = refFromTyped(sent, getCityConfig().refPrefix);
  if (!sent.trim()) return <TrackFormPage refused={sent} problem="empty" />;
  if (!ref) return <TrackFormPage refused={sent} problem="invalid" />;
  const lookup = await lookUpPublicReport(await getDb(), ref, locale, await headers());
  if (lookup.status === 'found') redirect({ href: `${await trackBase()}/${ref}`, locale });
  return <TrackFormPage refused={sent} problem={lookup.status === 'limited' ? 'limited' : 'unknown'} retryAfterSeconds={lookup.status === 'limited' ? lookup.retryAfterSeconds : undefined} />;
}
