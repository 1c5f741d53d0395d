import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SiteBody } from '@/components/site-body';
import { getCityConfig } from '@/lib/city/config';
import { routing } from '@/lib/i18n/routing';
import '../globals.css';

// Every page carries a per-request CSP nonce (proxy.ts), so none can be prerendered.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: 'home' });
  const city = getCityConfig().name;
  return {
    title: t('metaTitle', { city }),
    description: t('metaDescription', { city }),
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b4f8a' };

export default async function LocaleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  // The widget for the city's website (proxy.ts marks /embed requests): the content alone.
  const embed = (await headers()).get('x-embed') === '1';

  return (
    <html lang={locale}>
      <SiteBody embed={embed}>{children}</SiteBody>
    </html>
  );
}
