import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ConcernForm } from '@/components/dialogue-editor/concern-form';
import { pickerData, staffDialogueOrNotFound } from '@/components/dialogue-editor/staff-bits';
import { requireRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { localize } from '@/lib/i18n/localize';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: Locale; id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dialogueEditor');
  return { title: t('concern.newMetaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** Coordinators: add a concern raised at the dialogue. */
export default async function NewConcernPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requireRole('coordinator');
  const db = await getDb();
  const dialogue = await staffDialogueOrNotFound(db, id);
  const [t, picker] = await Promise.all([getTranslations('dialogueEditor'), pickerData(db)]);
  return (
    <div className="container page">
      <p>
        <Link href={`/staff/dialogues/${dialogue.id}#concerns`}>← {t('concern.back')}</Link>
      </p>
      <h1>{t('concern.newTitle')}</h1>
      <p>{t('concern.forDialogue', { title: localize(dialogue.title, locale) })}</p>
      <ConcernForm dialogueId={dialogue.id} version={dialogue.version} initial={{ placeKind: 'none' }} city={picker.city} districts={picker.districts} />
    </div>
  );
}
