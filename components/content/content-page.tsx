import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { FeedbackForm } from '@/components/content/feedback-form';
import { Markdown } from '@/components/content/markdown';
import { getDb } from '@/lib/db/client';
import type { Locale } from '@/lib/i18n/routing';
import { publicPageTitle } from '@/lib/i18n/titles';
import { getPageContent, type ContentPage } from '@/lib/pages/content';

type Props = { params: Promise<{ locale: Locale }> };

/**
 * Impressum, privacy notice, accessibility statement and the portal in Leichte Sprache: each a route
 * of its own (app/[locale]/impressum/page.tsx …), so that an address no route serves reaches
 * app/global-not-found.tsx, the 404 that reads without JavaScript.
 */
export function contentPage(page: ContentPage) {
  async function load({ params }: Props) {
    const { locale } = await params;
    const content = await getPageContent(await getDb(), page, locale);
    if (!content) notFound();
    return { locale, content };
  }

  async function generateMetadata(props: Props): Promise<Metadata> {
    const { content } = await load(props);
    return { title: await publicPageTitle(content.title) };
  }

  async function ContentPageView(props: Props) {
    const { locale, content } = await load(props);
    setRequestLocale(locale);
    const t = await getTranslations('feedback');
    const tc = await getTranslations('common');
    return (
      <article className="container page narrow" lang={content.locale}>
        <h1>{content.title}</h1>
        {content.locale !== locale && <p className="notice">{tc('germanOnly')}</p>}
        <Markdown>{content.body}</Markdown>
        {page === 'barrierefreiheit' && (
          <section aria-labelledby="feedback" lang={locale}>
            <h2 id="feedback">{t('title')}</h2>
            <ClientMessages namespaces={['feedback']}>
              <FeedbackForm page={page} />
            </ClientMessages>
          </section>
        )}
      </article>
    );
  }

  return { generateMetadata, ContentPageView };
}
