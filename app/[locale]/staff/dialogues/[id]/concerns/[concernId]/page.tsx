import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ConcernForm } from '@/components/dialogue-editor/concern-form';
import { parseId, pickerData } from '@/components/dialogue-editor/staff-bits';
import { requireRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { describeGeometry, formatCorners } from '@/lib/dialogues/places';
import { getStaffConcern, getStaffDialogue, type StaffConcern } from '@/lib/dialogues/staff-queries';
import { localize } from '@/lib/i18n/localize';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: Locale; id: string; concernId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dialogueEditor');
  return { title: t('concern.editMetaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

function formValuesOf(concern: StaffConcern): Record<string, string> {
  const place = describeGeometry(concern.geometry);
  return {
    'text.de': concern.text.de,
    'text.en': concern.text.en ?? '',
    'text.tr': concern.text.tr ?? '',
    placeKind: place.kind,
    lat: place.point ? String(place.point.lat) : '',
    lon: place.point ? String(place.point.lon) : '',
    area: formatCorners(place.corners),
    cells: concern.cells.join('\n'),
    reportRefs: concern.reportRefs.join(', '),
  };
}

/** Coordinators: edit one concern of a dialogue. */
export default async function EditConcernPage({ params }: Props) {
  const { locale, id, concernId } = await params;
  setRequestLocale(locale);
  await requireRole('coordinator');
  const [dialogueId, ownId] = [parseId(id), parseId(concernId)];
  if (dialogueId === null || ownId === null) notFound();
  const db = await getDb();
  const [dialogue, concern] = await Promise.all([getStaffDialogue(db, dialogueId), getStaffConcern(db, ownId)]);
  if (!dialogue || !concern || concern.dialogueId !== dialogue.id) notFound();
  const [t, picker] = await Promise.all([getTranslations('dialogueEditor'), pickerData(db)]);
  return (
    <div className="container page">
      <p>
        <Link href={`/staff/dialogues/${dialogue.id}#concerns`}>← {t('concern.back')}</Link>
      </p>
      <h1>{t('concern.editTitle')}</h1>
      <p>{t('concern.forDialogue', { title: localize(dialogue.title, locale) })}</p>
      {dialogue.status === 'published' && <p className="notice">{t('edit.correctionNote')}</p>}
      <ConcernForm
        dialogueId={dialogue.id}
        concernId={concern.id}
        version={dialogue.version}
        initial={formValuesOf(concern)}
        city={picker.city}
        districts={picker.districts}
      />
    </div>
  );
}
