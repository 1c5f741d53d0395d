import { getTranslations } from 'next-intl/server';
import type { PublicDialogue } from '@/lib/dialogues/queries';
import { getFormatter } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import { anyInGerman } from '@/lib/i18n/localize';
import type { Locale } from '@/lib/i18n/routing';
import { Localized } from './localized';
import { GermanOnlyNote, MeasureCard, measureTexts } from './measure-card';
import { PrintButton } from './print-button';

/** The public dialogue page; the staff preview renders the very same component. */
export async function DialogueView({ dialogue, locale }: { dialogue: PublicDialogue; locale: Locale }) {
  const t = await getTranslations('dialogues');
  const format = await getFormatter();
  const date = (d: string | Date) => format.dateTime(new Date(d), { dateStyle: 'long' });
  const fallback = anyInGerman([dialogue.title, dialogue.summary, ...dialogue.concerns.map((c) => c.text), ...dialogue.measures.flatMap(measureTexts)], locale);
  return (
    <article className="container page narrow dialogue">
      <p className="no-print">
        <Link href="/dialogues">← {t('back')}</Link>
      </p>
      <h1>
        <Localized text={dialogue.title} locale={locale} />
      </h1>
      <p className="lead">
        <Link href={`/districts/${dialogue.district.slug}`}>{dialogue.district.name}</Link> ·{' '}
        {t('heldOn', { date: date(dialogue.heldOn), venue: dialogue.venue })}
        {dialogue.participants ? ` · ${t('participants', { count: dialogue.participants })}` : ''}
      </p>
      {dialogue.organisers && (
        <p>
          {t('organisers')}: {dialogue.organisers}
        </p>
      )}
      {dialogue.correctedAt && <p className="note">{t('updatedOn', { date: date(dialogue.correctedAt) })}</p>}
      <GermanOnlyNote show={fallback} />
      <Localized text={dialogue.summary} locale={locale} markdown />
      {dialogue.concerns.length > 0 && (
        <>
          <h2>{t('concerns')}</h2>
          <ul>
            {dialogue.concerns.map((c) => (
              <li key={c.id}>
                <Localized text={c.text} locale={locale} />
              </li>
            ))}
          </ul>
        </>
      )}
      {dialogue.measures.length > 0 && (
        <>
          <h2>{t('measures')}</h2>
          <div className="card-list">
            {dialogue.measures.map((m) => (
              <MeasureCard key={m.id} measure={m} locale={locale} on="dialogue" />
            ))}
          </div>
        </>
      )}
      <p className="no-print">
        <PrintButton label={t('print')} />
      </p>
    </article>
  );
}
