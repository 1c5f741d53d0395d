import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { TokenPage } from '@/components/follow/token-page';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { CONFIRM_TTL_HOURS } from '@/lib/follows/limits';
import { describeTarget } from '@/lib/follows/messages';
import { findFollowByConfirmToken } from '@/lib/follows/service';
import type { Locale } from '@/lib/i18n/routing';
import { confirmFollowAction } from '../actions';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ token?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('follow');
  return { title: t('confirmMetaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/**
 * The confirmation link of the double opt-in. Opening it confirms nothing: mail scanners and link
 * previews fetch links on their own, so only the button (a POST) confirms.
 */
export default async function ConfirmFollowPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('follow');
  const { token } = await searchParams;
  const found = await findFollowByConfirmToken(await getDb(), token);
  if (!found) return <TokenPage title={t('confirmTitle')} outcome={{ text: t('confirmInvalid'), success: false }} />;
  const target = describeTarget(found.target, locale);
  if (found.follow.confirmedAt) return <TokenPage title={t('confirmTitle')} outcome={{ text: t('confirmed', { target }), success: true }} />;
  if (!found.follow.confirmExpiresAt || found.follow.confirmExpiresAt <= new Date()) {
    return <TokenPage title={t('confirmTitle')} outcome={{ text: t('confirmExpired', { hours: CONFIRM_TTL_HOURS }), success: false }} />;
  }
  return (
    <TokenPage
      title={t('confirmTitle')}
      question={{ text: t('confirmQuestion', { target }), button: t('confirmButton'), token: token as string, locale, action: confirmFollowAction }}
    />
  );
}
