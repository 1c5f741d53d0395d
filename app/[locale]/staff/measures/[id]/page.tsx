import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ActionButton } from '@/components/dialogue-editor/editor-form';
import { MeasureForm } from '@/components/dialogue-editor/measure-form';
import { MeasureUpdateForm } from '@/components/dialogue-editor/measure-update-form';
import { DialogueStatusBadge, parseId, pickerData, SavedNotice } from '@/components/dialogue-editor/staff-bits';
import { Localized } from '@/components/dialogues/localized';
import { requireRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { getStaffMeasure, listDistrictChoices, type StaffMeasure } from '@/lib/dialogues/staff-queries';
import { measureTransitions } from '@/lib/dialogues/workflow';
import { getFormatter } from '@/lib/i18n/format';
import { localize } from '@/lib/i18n/localize';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { setMeasurePublication } from '../actions';

type Props = { params: Promise<{ locale: Locale; id: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dialogueEditor');
  return { title: t('measures.editMetaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

function formValuesOf(m: StaffMeasure): Record<string, string> {
  return {
    'title.de': m.title.de,
    'title.en': m.title.en ?? '',
    'title.tr': m.title.tr ?? '',
    'description.de': m.description?.de ?? '',
    'description.en': m.description?.en ?? '',
    'description.tr': m.description?.tr ?? '',
    responsible: m.responsible,
    responsibleName: m.responsibleName ?? '',
    districtId: m.districtId === null ? '' : String(m.districtId),
    lat: m.lat === null ? '' : String(m.lat),
    lon: m.lon === null ? '' : String(m.lon),
    dueOn: m.dueOn ?? '',
    'rejectionReason.de': m.rejectionReason?.de ?? '',
    'rejectionReason.en': m.rejectionReason?.en ?? '',
    'rejectionReason.tr': m.rejectionReason?.tr ?? '',
  };
}

/** Coordinators: one measure — where it comes from, whether it is public, its details and its progress. */
export default async function EditMeasurePage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requireRole('coordinator');
  const measureId = parseId(id);
  if (measureId === null) notFound();
  const db = await getDb();
  const [measure, districts, picker] = await Promise.all([getStaffMeasure(db, measureId), listDistrictChoices(db), pickerData(db)]);
  if (!measure) notFound();
  const [t, tm, format, { saved }] = await Promise.all([getTranslations('dialogueEditor'), getTranslations('measures'), getFormatter(), searchParams]);
  const date = (d: string | Date) => format.dateTime(new Date(d), { dateStyle: 'long' });
  const standalone = measure.dialogue === null;

  return (
    <div className="container page">
      <p>
        {measure.dialogue ? (
          <Link href={`/staff/dialogues/${measure.dialogue.id}#measures`}>← {t('measures.backToDialogue')}</Link>
        ) : (
          <Link href="/staff/measures">← {t('measures.back')}</Link>
        )}
      </p>
      <h1>{t('measures.editTitle', { title: localize(measure.title, locale) })}</h1>
      <SavedNotice saved={saved} version={measure.version} />

      <section aria-labelledby="measure-facts" className="editor-section">
        <h2 id="measure-facts">{t('measures.factsTitle')}</h2>
        <dl className="facts">
          <dt>{t('measures.origin')}</dt>
          <dd>
            {measure.dialogue ? (
              <>
                <Link href={`/staff/dialogues/${measure.dialogue.id}`}>{localize(measure.dialogue.title, locale)}</Link> (
                {date(measure.dialogue.heldOn)}) <DialogueStatusBadge status={measure.dialogue.status} />
              </>
            ) : (
              t('measures.standalone')
            )}
          </dd>
          <dt>{t('fields.status')}</dt>
          <dd>
            <span className={`badge badge--${measure.status}`}>{tm(`statuses.${measure.status}`)}</span>
          </dd>
          <dt>{t('measures.visibility')}</dt>
          <dd>
            {measure.publishedAt ? t('measures.publicSince', { date: date(measure.publishedAt) }) : t('measures.hidden')}
            {!standalone && (
              <>
                <br />
                {t('measures.followsDialogue')}
              </>
            )}
          </dd>
        </dl>
        <div className="toolbar">
          {standalone && (
            <ActionButton
              action={setMeasurePublication}
              values={{ locale, id: measure.id, version: measure.version, publish: measure.publishedAt ? '0' : '1' }}
              secondary={Boolean(measure.publishedAt)}
            >
              {measure.publishedAt ? t('measures.unpublish') : t('measures.publish')}
            </ActionButton>
          )}
          {measure.publishedAt && <Link href={`/measures#measure-${measure.id}`}>{t('measures.publicPage')}</Link>}
        </div>
      </section>

      <section id="progress" aria-labelledby="progress-title" className="editor-section">
        <h2 id="progress-title">{t('measures.progressTitle')}</h2>
        <SavedNotice saved={saved} version={measure.version} section="progress" />
        {measure.updates.length === 0 ? (
          <p>{t('measures.progressEmpty')}</p>
        ) : (
          <ol className="history">
            {measure.updates.map((update) => (
              <li key={update.id}>
                <time dateTime={update.createdAt.toISOString()}>{date(update.createdAt)}</time>
                {update.statusTo ? ` (${tm(`statuses.${update.statusTo}`)})` : ''}: <Localized text={update.text} locale={locale} />
              </li>
            ))}
          </ol>
        )}
        <h3>{t('measures.addProgressTitle')}</h3>
        <MeasureUpdateForm measureId={measure.id} version={measure.version} status={measure.status} nextStatuses={measureTransitions[measure.status]} />
      </section>

      <section aria-labelledby="measure-details" className="editor-section">
        <h2 id="measure-details">{t('measures.detailsTitle')}</h2>
        {measure.publishedAt && <p className="notice">{t('measures.publicNote')}</p>}
        <MeasureForm
          measureId={measure.id}
          version={measure.version}
          status={measure.status}
          initial={formValuesOf(measure)}
          districts={districts}
          city={picker.city}
          pickerDistricts={picker.districts}
        />
      </section>
    </div>
  );
}
