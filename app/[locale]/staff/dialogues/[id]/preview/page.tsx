import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DialogueStatusBadge, staffDialogueOrNotFound } from '@/components/dialogue-editor/staff-bits';
import { DialogueView } from '@/components/dialogues/dialogue-view';
import { requireRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { getDialogueView } from '@/lib/dialogues/queries';
import { Link } from '@/lib/i18n/navigation';
import { locales, type Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: Locale; id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dialogueEditor');
  return { title: t('preview.metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/**
 * Coordinators: the dialogue exactly as the public page will show it — the same component
 * (DialogueView) fed by the same query (getDialogueView), with drafts and unpublished measures
 * included. Only the banner above it is the staff's.
 */
export default async function DialoguePreviewPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requireRole('coordinator');
  const db = await getDb();
  const dialogue = await staffDialogueOrNotFound(db, id);
  const [t, tc, view] = await Promise.all([
    getTranslations('dialogueEditor'),
    getTranslations('common'),
    getDialogueView(db, dialogue, { slug: dialogue.district.slug, name: dialogue.district.name }, false),
  ]);
  return (
    <>
      <aside className="preview-banner" aria-labelledby="preview-title">
        <div className="container">
          <p id="preview-title">
            <strong>{t('preview.banner')}</strong> {t('preview.status')} <DialogueStatusBadge status={dialogue.status} />
          </p>
          <div className="preview-languages">
            <span id="preview-languages">{t('preview.languages')}</span>{' '}
            <ul aria-labelledby="preview-languages">
            {locales.map((l) => (
              <li key={l}>
                <Link href={`/staff/dialogues/${dialogue.id}/preview`} locale={l} lang={l} aria-current={l === locale ? 'page' : undefined}>
                  {tc(`languageNames.${l}`)}
                </Link>
              </li>
            ))}
            </ul>
          </div>
          <p>
            <Link href={`/staff/dialogues/${dialogue.id}`}>← {t('preview.back')}</Link>
          </p>
        </div>
      </aside>
      <DialogueView dialogue={view} locale={locale} />
    </>
  );
}
