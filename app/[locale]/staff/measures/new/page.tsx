import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { MeasureForm } from '@/components/dialogue-editor/measure-form';
import { parseId, pickerData } from '@/components/dialogue-editor/staff-bits';
import { requireRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { listDialogueChoices, listDistrictChoices } from '@/lib/dialogues/staff-queries';
import { getFormatter } from '@/lib/i18n/format';
import { localize } from '@/lib/i18n/localize';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ dialogue?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dialogueEditor');
  return { title: t('measures.newMetaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** Coordinators: a new measure, for a dialogue (?dialogue=id) or on its own. */
export default async function NewMeasurePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('coordinator');
  const { dialogue: dialogueParam } = await searchParams;
  const db = await getDb();
  const [t, format, dialogues, districts, picker] = await Promise.all([
    getTranslations('dialogueEditor'),
    getFormatter(),
    listDialogueChoices(db),
    listDistrictChoices(db),
    pickerData(db),
  ]);
  const chosen = dialogues.find((d) => d.id === parseId(dialogueParam ?? ''));
  const label = (d: (typeof dialogues)[number]) =>
    `${localize(d.title, locale)} (${d.districtName}, ${format.dateTime(new Date(d.heldOn), { dateStyle: 'medium' })})`;
  return (
    <div className="container page">
      <p>
        {chosen ? (
          <Link href={`/staff/dialogues/${chosen.id}#measures`}>← {t('measures.backToDialogue')}</Link>
        ) : (
          <Link href="/staff/measures">← {t('measures.back')}</Link>
        )}
      </p>
      <h1>{chosen ? t('measures.newTitleForDialogue', { title: localize(chosen.title, locale) }) : t('measures.newTitle')}</h1>
      <p>{t('measures.newIntro')}</p>
      <MeasureForm
        initial={{ dialogueId: chosen ? String(chosen.id) : '', responsible: 'city', status: 'planned' }}
        dialogues={dialogues.map((d) => ({ id: d.id, label: label(d) }))}
        districts={districts}
        city={picker.city}
        pickerDistricts={picker.districts}
      />
    </div>
  );
}
