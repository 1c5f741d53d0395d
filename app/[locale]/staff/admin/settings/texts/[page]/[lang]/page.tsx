import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { PageTextForm } from '@/components/admin/page-text-form';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { Link } from '@/lib/i18n/navigation';
import { isLocale, type Locale } from '@/lib/i18n/routing';
import { getPageContent, isContentPage } from '@/lib/pages/content';
import { getPageText, PAGE_TEXT_MAX } from '@/lib/settings/admin';

export const generateMetadata = () => adminMetadata('pageTexts.editTitle');

type Props = { params: Promise<{ locale: Locale; page: string; lang: string }> };

/** Admin only: one legal page's Markdown in one language; empty means the city's default text. */
export default async function AdminPageTextPage({ params }: Props) {
  const { locale, page, lang } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  if (!isContentPage(page) || !isLocale(lang)) notFound();
  const db = await getDb();
  const [t, tLanguage, tLanguageInText, own, shown] = await Promise.all([
    getTranslations('admin.pageTexts'),
    getTranslations('common.languageNames'),
    // Inside a sentence a language is named in the page's language ("auf Deutsch"), not by its own name.
    getTranslations('dialogueEditor.languages'),
    getPageText(db, page, lang),
    getPageContent(db, page, lang),
  ]);
  // Start from what residents see now: the admin's text, or the city's default (in German where none exists).
  const text = own ?? (shown ? `# ${shown.title}\n\n${shown.body}\n` : '');
  const publicPath = `${lang === 'de' ? '' : `/${lang}`}/${page}`;
  return (
    <div className="page">
      <p>
        <Link href="/staff/admin/settings#page-texts">{t('back')}</Link>
      </p>
      <h1>{t('editHeading', { page: t(`pages.${page}`), language: tLanguage(lang) })}</h1>
      <p>{own ? t('isCustom') : shown && shown.locale !== lang ? t('isFallback', { language: tLanguageInText(shown.locale) }) : t('isDefault')}</p>
      <p>
        <a href={publicPath}>
          {t('viewPublic')}
        </a>
      </p>
      <PageTextForm page={page} lang={lang} text={text} hasOwn={own !== null} maxLength={PAGE_TEXT_MAX} />
    </div>
  );
}
