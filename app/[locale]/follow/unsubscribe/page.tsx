import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { TokenPage } from '@/components/follow/token-page';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { describeTarget } from '@/lib/follows/messages';
import { findFollowByUnsubscribeToken } from '@/lib/follows/service';
import type { Locale } from '@/lib/i18n/routing';
import { unsubscribeAction } from '../actions';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ token?: string | string[]; done?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('follow');
  return { title: t('unsubscribeMetaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/**
 * The unsubscribe link in a message's text: a page with one button (a POST), so that a mail
 * scanner fetching the link unsubscribes no one. Mail programs use the one-click address of the
 * List-Unsubscribe header instead (app/api/follow/unsubscribe/route.ts).
 */
export default async function UnsubscribePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('follow');
  const { token, done } = await searchParams;
  if (done) return <TokenPage title={t('unsubscribeTitle')} outcome={{ text: t('unsubscribed'), success: true }} />;
  const found = await findFollowByUnsubscribeToken(await getDb(), token);
  if (!found) return <TokenPage title={t('unsubscribeTitle')} outcome={{ text: t('unsubscribeInvalid'), success: false }} />;
  return (
    <TokenPage
      title={t('unsubscribeTitle')}
      question={{
        text: t('unsubscribeQuestion', { target: describeTarget(found.target, locale) }),
        button: t('unsubscribeButton'),
        token: token as string,
        locale,
        action: unsubscribeAction,
      }}
    />
  );
}
