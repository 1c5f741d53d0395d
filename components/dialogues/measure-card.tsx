import { getTranslations } from 'next-intl/server';
import type { PublicMeasure } from '@/lib/dialogues/queries';
import { getFormatter } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { Localized } from './localized';

/** The staff-written texts a measure card shows, for the page's "only in German" note. */
export function measureTexts(measure: PublicMeasure) {
  return [measure.title, measure.description, measure.rejectionReason, ...measure.updates.map((u) => u.text)];
}

/** The note a page shows once when some of its staff-written texts stand in German. */
export async function GermanOnlyNote({ show }: { show: boolean }) {
  const t = await getTranslations('dialogues');
  return show ? <p className="notice">{t('germanOnly')}</p> : null;
}

/**
 * One measure for the public pages. `on`: the page it stands on (its dialogue's or its district's),
 * whose name it shows as text: a link to the page itself would only lengthen a screen reader's list
 * of links.
 */
export async function MeasureCard({
  measure,
  locale,
  headingLevel = 3,
  on,
}: {
  measure: PublicMeasure;
  locale: Locale;
  headingLevel?: 2 | 3;
  on?: 'dialogue' | 'district';
}) {
  const t = await getTranslations('measures');
  const tf = await getTranslations('follow');
  const format = await getFormatter();
  const date = (iso: string | Date) => format.dateTime(new Date(iso), { dateStyle: 'long' });
  const Heading = `h${headingLevel}` as 'h2' | 'h3';
  return (
    <article className="card" id={`measure-${measure.id}`}>
      <Heading className="card__title">
        <Localized text={measure.title} locale={locale} />
      </Heading>
      <p>
        <span className={`badge badge--${measure.status}`}>{t(`statuses.${measure.status}`)}</span>
      </p>
      {measure.description && <Localized as="p" text={measure.description} locale={locale} />}
      <dl className="facts facts--compact">
        <dt>{t('responsible')}</dt>
        <dd>
          {t(`bodies.${measure.responsible}`)}
          {measure.responsibleName ? ` – ${measure.responsibleName}` : ''}
        </dd>
        {measure.district && (
          <>
            <dt>{t('district')}</dt>
            <dd>
              {on === 'district' ? measure.district.name : <Link href={`/districts/${measure.district.slug}`}>{measure.district.name}</Link>}
            </dd>
          </>
        )}
        {measure.dueOn && (
          <>
            <dt>{t('due')}</dt>
            <dd>{date(measure.dueOn)}</dd>
          </>
        )}
        {measure.status === 'rejected' && measure.rejectionReason && (
          <>
            <dt>{t('rejectionReason')}</dt>
            <dd>
              <Localized text={measure.rejectionReason} locale={locale} />
            </dd>
          </>
        )}
      </dl>
      <p className="note">
        {measure.dialogue && on === 'dialogue' ? (
          t('fromDialogue', { date: date(measure.dialogue.heldOn) })
        ) : measure.dialogue ? (
          <Link href={`/dialogues/${measure.dialogue.id}`}>{t('fromDialogue', { date: date(measure.dialogue.heldOn) })}</Link>
        ) : (
          t('fromReports')
        )}
      </p>
      <p>
        <Link href={`/follow/measure/${measure.id}`}>
          {tf('measureLink')}
          <span className="visually-hidden">
            : <Localized text={measure.title} locale={locale} />
          </span>
        </Link>
      </p>
      {measure.updates.length > 0 && (
        <details open={measure.updates.length <= 2}>
          <summary>{t('updates')}</summary>
          <ol className="history">
            {measure.updates.map((update) => (
              <li key={update.id}>
                <time dateTime={update.createdAt.toISOString()}>{date(update.createdAt)}</time>
                {update.statusTo ? ` (${t(`statuses.${update.statusTo}`)})` : ''}: <Localized text={update.text} locale={locale} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}
