import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DialogueForm } from '@/components/dialogue-editor/dialogue-form';
import { ActionButton } from '@/components/dialogue-editor/editor-form';
import { DialogueStatusBadge, SavedNotice, staffDialogueOrNotFound } from '@/components/dialogue-editor/staff-bits';
import { requireRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import type { Dialogue } from '@/lib/db/schema';
import { describeGeometry } from '@/lib/dialogues/places';
import { listDistrictChoices } from '@/lib/dialogues/staff-queries';
import { availableDialogueTransitions } from '@/lib/dialogues/workflow';
import { getFormatter } from '@/lib/i18n/format';
import { localize } from '@/lib/i18n/localize';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { formatCoordinate } from '@/lib/numbers';
import { changeDialogueStatusAction, moveConcernAction, removeConcernAction } from '../actions';

type Props = { params: Promise<{ locale: Locale; id: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dialogueEditor');
  return { title: t('edit.metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** The dialogue's form values, flat, as the editor's fields are named. */
function formValuesOf(d: Dialogue): Record<string, string> {
  return {
    districtId: String(d.districtId),
    heldOn: d.heldOn,
    venue: d.venue,
    participants: d.participants === null ? '' : String(d.participants),
    organisers: d.organisers ?? '',
    'title.de': d.title.de,
    'title.en': d.title.en ?? '',
    'title.tr': d.title.tr ?? '',
    'summary.de': d.summary.de,
    'summary.en': d.summary.en ?? '',
    'summary.tr': d.summary.tr ?? '',
  };
}

/** Coordinators: one dialogue — its workflow, details, concerns and measures. */
export default async function EditDialoguePage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requireRole('coordinator');
  const db = await getDb();
  const [dialogue, districts] = await Promise.all([staffDialogueOrNotFound(db, id), listDistrictChoices(db)]);
  const [t, tm, format, { saved }] = await Promise.all([getTranslations('dialogueEditor'), getTranslations('measures'), getFormatter(), searchParams]);
  const date = (d: string | Date) => format.dateTime(new Date(d), { dateStyle: 'long' });
  const published = dialogue.status === 'published';
  const { version } = dialogue;
  const concernCount = dialogue.concerns.length;

  return (
    <div className="container page">
      <p>
        <Link href="/staff/dialogues">← {t('edit.back')}</Link>
      </p>
      <h1>{t('edit.title', { title: localize(dialogue.title, locale) })}</h1>
      <SavedNotice saved={saved} version={version} />

      <section aria-labelledby="workflow-title" className="editor-section">
        <h2 id="workflow-title">{t('edit.statusTitle')}</h2>
        <p>
          {t('edit.status')} <DialogueStatusBadge status={dialogue.status} />
        </p>
        {published && dialogue.publishedAt && <p>{t('edit.publishedOn', { date: date(dialogue.publishedAt) })}</p>}
        {published && dialogue.correctedAt && <p>{t('edit.correctedOn', { date: date(dialogue.correctedAt) })}</p>}
        <p className="hint">{t(`workflow.hints.${dialogue.status}`)}</p>
        <div className="toolbar">
          <Link href={`/staff/dialogues/${dialogue.id}/preview`} className="button button--secondary">
            {t('edit.preview')}
          </Link>
          {availableDialogueTransitions(dialogue.status).map((transition) => (
            <ActionButton
              key={transition}
              action={changeDialogueStatusAction}
              values={{ locale, id: dialogue.id, version, transition }}
              secondary={transition === 'return_to_draft' || transition === 'unpublish'}
            >
              {t(`workflow.${transition}`)}
            </ActionButton>
          ))}
          {published && <Link href={`/dialogues/${dialogue.id}`}>{t('edit.publicPage')}</Link>}
        </div>
      </section>

      <section aria-labelledby="details-title" className="editor-section">
        <h2 id="details-title">{t('edit.detailsTitle')}</h2>
        {published && <p className="notice">{t('edit.correctionNote')}</p>}
        <DialogueForm dialogueId={dialogue.id} version={version} initial={formValuesOf(dialogue)} districts={districts} />
      </section>

      <section id="concerns" aria-labelledby="concerns-title" className="editor-section">
        <h2 id="concerns-title">{t('edit.concernsTitle')}</h2>
        <SavedNotice saved={saved} version={version} section="concerns" />
        <p>{t('edit.concernsIntro')}</p>
        {concernCount === 0 ? (
          <p>{t('edit.concernsEmpty')}</p>
        ) : (
          <ol className="editor-concerns">
            {dialogue.concerns.map((concern, index) => {
              const place = describeGeometry(concern.geometry);
              const which = t('edit.concernLabel', { number: index + 1 });
              const concernValues = { locale, dialogueId: dialogue.id, concernId: concern.id, version };
              return (
                <li key={concern.id}>
                  <p>{localize(concern.text, locale)}</p>
                  <p className="hint">
                    {place.kind === 'point' && place.point
                      ? t('edit.placePoint', { lat: formatCoordinate(place.point.lat, locale), lon: formatCoordinate(place.point.lon, locale) })
                      : place.kind === 'area'
                        ? t('edit.placeArea', { count: place.corners.length })
                        : t('edit.placeNone')}
                    {concern.cells.length > 0 && ` · ${t('edit.linkedCells', { count: concern.cells.length })}`}
                    {concern.reportRefs.length > 0 && ` · ${t('edit.linkedReports', { refs: concern.reportRefs.join(', ') })}`}
                  </p>
                  <div className="toolbar">
                    <Link href={`/staff/dialogues/${dialogue.id}/concerns/${concern.id}`}>
                      {t('edit.editConcern')}
                      <span className="visually-hidden">: {which}</span>
                    </Link>
                    {index > 0 && (
                      <ActionButton action={moveConcernAction} values={{ ...concernValues, direction: 'up' }} secondary small>
                        {t('edit.moveUp')}
                        <span className="visually-hidden">: {which}</span>
                      </ActionButton>
                    )}
                    {index < concernCount - 1 && (
                      <ActionButton action={moveConcernAction} values={{ ...concernValues, direction: 'down' }} secondary small>
                        {t('edit.moveDown')}
                        <span className="visually-hidden">: {which}</span>
                      </ActionButton>
                    )}
                    <ActionButton
                      action={removeConcernAction}
                      values={concernValues}
                      secondary
                      small
                      confirm={{ warning: t('edit.removeWarning', { number: index + 1 }), button: t('edit.removeConfirm', { number: index + 1 }) }}
                    >
                      {t('edit.remove')}
                      <span className="visually-hidden">: {which}</span>
                    </ActionButton>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        <p>
          <Link href={`/staff/dialogues/${dialogue.id}/concerns/new`} className="button button--secondary">
            {t('edit.addConcern')}
          </Link>
        </p>
      </section>

      <section id="measures" aria-labelledby="measures-title" className="editor-section">
        <h2 id="measures-title">{t('edit.measuresTitle')}</h2>
        <p>{t('edit.measuresIntro')}</p>
        {dialogue.measures.length === 0 ? (
          <p>{t('edit.measuresEmpty')}</p>
        ) : (
          <ul className="editor-concerns">
            {dialogue.measures.map((measure) => (
              <li key={measure.id}>
                <p>
                  <Link href={`/staff/measures/${measure.id}`}>{localize(measure.title, locale)}</Link>
                </p>
                <p>
                  <span className={`badge badge--${measure.status}`}>{tm(`statuses.${measure.status}`)}</span> ·{' '}
                  {measure.publishedAt ? t('edit.measurePublic') : t('edit.measureNotPublic')}
                </p>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href={`/staff/measures/new?dialogue=${dialogue.id}`} className="button button--secondary">
            {t('edit.addMeasure')}
          </Link>
        </p>
      </section>
    </div>
  );
}
