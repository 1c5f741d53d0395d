import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/client-messages';
import { EmbedFrame } from '@/components/embed-frame';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
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
  const t = await getTranslations('common');
  // The widget for the city's website (proxy.ts marks /embed requests): the content alone.
  const embed = (await headers()).get('x-embed') === '1';

  return (
    <html lang={locale}>
      <body className={embed ? 'embed' : undefined}>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        {/* The language switch and error.tsx; pages add what their own client components need. */}
        <ClientMessages namespaces={['common']}>
          {!embed && <SiteHeader />}
          <main id="main" tabIndex={-1}>
            {children}
          </main>
          <SiteFooter compact={embed} />
          {embed && <EmbedFrame />}
        </ClientMessages>
      </body>
    </html>
  );
}
