import { getTranslations, setRequestLocale } from 'next-intl/server';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { countOpenFeedback, listFeedback, type feedbackTopics } from '@/lib/feedback/feedback';
import { getFormatter } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { setFeedbackHandledAction } from './actions';

type FeedbackTopic = (typeof feedbackTopics)[number];

export const generateMetadata = () => adminMetadata('feedback.title');

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Admin only: residents' accessibility feedback (BITV 2.0 § 7), open messages first. */
export default async function AdminFeedbackPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const query = await searchParams;
  const handled = query.show === 'handled';
  const db = await getDb();
  const [t, tTopics, format, items, open] = await Promise.all([
    getTranslations('admin.feedback'),
    getTranslations('feedback.topics'),
    getFormatter(),
    listFeedback(db, { handled }),
    countOpenFeedback(db),
  ]);
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {(query.handled || query.reopened) && (
        <p className="notice notice--success" role="status">
          {query.handled ? t('markedHandled') : t('markedOpen')}
        </p>
      )}
      <nav aria-label={t('viewsLabel')}>
        <ul className="tabs">
          <li>
            <Link href="/staff/admin/feedback" aria-current={handled ? undefined : 'page'}>
              {t('open', { count: open })}
            </Link>
          </li>
          <li>
            <Link href="/staff/admin/feedback?show=handled" aria-current={handled ? 'page' : undefined}>
              {t('handledView')}
            </Link>
          </li>
        </ul>
      </nav>
      {items.length === 0 ? (
        <p>{handled ? t('emptyHandled') : t('empty')}</p>
      ) : (
        <ul className="card-list">
          {items.map((item) => (
            <li key={item.id} className="card">
              <h2 className="card__title">{tTopics(item.topic as FeedbackTopic)}</h2>
              <dl className="facts facts--compact">
                <dt>{t('received')}</dt>
                <dd>{format.dateTime(item.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</dd>
                {item.page && (
                  <>
                    <dt>{t('page')}</dt>
                    <dd>{item.page}</dd>
                  </>
                )}
                <dt>{t('email')}</dt>
                <dd>{item.email ? <a href={`mailto:${item.email}`}>{item.email}</a> : t('noEmail')}</dd>
                {item.handledAt && (
                  <>
                    <dt>{t('handledAt')}</dt>
                    <dd>{format.dateTime(item.handledAt, { dateStyle: 'medium', timeStyle: 'short' })}</dd>
                  </>
                )}
              </dl>
              <p className="message-text" lang={item.locale}>
                {item.message}
              </p>
              <form action={setFeedbackHandledAction}>
                <input type="hidden" name="id" value={item.id} />
                <input type="hidden" name="handled" value={item.handledAt ? 'false' : 'true'} />
                <button type="submit" className="button button--secondary button--small">
                  {item.handledAt ? t('reopen') : t('markHandled')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
