import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { FeedbackForm } from '@/components/content/feedback-form';
import { Markdown } from '@/components/content/markdown';
import { getDb } from '@/lib/db/client';
import type { Locale } from '@/lib/i18n/routing';
import { publicPageTitle } from '@/lib/i18n/titles';
import { getPageContent, isContentPage } from '@/lib/pages/content';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: Locale; page: string }> };

async function load({ params }: Props) {
  const { locale, page } = await params;
  if (!isContentPage(page)) notFound();
  const content = await getPageContent(await getDb(), page, locale);
  if (!content) notFound();
  return { locale, page, content };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { content } = await load(props);
  return { title: await publicPageTitle(content.title) };
}

/** Impressum, privacy notice, accessibility statement and the portal in Leichte Sprache. */
export default async function ContentPageView(props: Props) {
  const { locale, page, content } = await load(props);
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
