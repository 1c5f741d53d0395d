import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import type { OutboxKind } from '@/lib/db/schema';
import { countOutbox, listOutbox, MAX_ATTEMPTS } from '@/lib/email/outbox';
import { smtpConfigFromEnv } from '@/lib/email/smtp';
import { countFollows } from '@/lib/follows/service';
import { getFormatter } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/routing';
import { retryOutboxAction } from './actions';

export const generateMetadata = () => adminMetadata('outbox.title');

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function smtpConfigured(): boolean | 'invalid' {
  try {
    return smtpConfigFromEnv() !== null;
  } catch {
    return 'invalid';
  }
}

/** Admin only: e-mail to reporters that is waiting or could not be delivered, with "send again". */
export default async function AdminOutboxPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const db = await getDb();
  const [t, format, counts, followCounts, messages, query] = await Promise.all([
    getTranslations('admin.outbox'),
    getFormatter(),
    countOutbox(db),
    countFollows(db),
    listOutbox(db, { statuses: ['failed', 'pending'] }),
    searchParams,
  ]);
  const smtp = smtpConfigured();
  const dateTime = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {query.retried && (
        <p className="notice notice--success" role="status">
          {t('retried')}
        </p>
      )}
      {smtp !== true && (
        <div className="notice notice--error">
          <p>{smtp === 'invalid' ? t('smtpInvalid') : t('smtpMissing')}</p>
        </div>
      )}
      <ul className="numbers">
        <li>
          <strong>{counts.pending}</strong> {t('pending')}
        </li>
        <li>
          <strong>{counts.failed}</strong> {t('failed')}
        </li>
        <li>
          <strong>{counts.sent}</strong> {t('sent')}
        </li>
      </ul>
      <p>{t('follows', followCounts)}</p>
      {messages.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <DataTable caption={t('caption')} columns={[t('created'), t('message'), t('status'), t('attempts'), t('action')]}>
          {messages.map((message) => (
            <tr key={message.id}>
              <td>{dateTime(message.createdAt)}</td>
              <td>
                <p className="cell-title">{message.subject}</p>
                <p>
                  {t('to')}: {message.to} · {t(`kinds.${message.kind as OutboxKind}`)}
                  {message.reportRef && <> · {message.reportRef}</>}
                </p>
                <details>
                  <summary>{t('showText')}</summary>
                  <pre className="message-text" lang={message.locale}>
                    {message.textBody}
                  </pre>
                </details>
              </td>
              <td>
                {message.status === 'failed' ? <strong>{t('statusFailed')}</strong> : t('statusPending')}
                {message.status === 'pending' && message.attempts > 0 && (
                  <p>{t('nextAttempt', { at: dateTime(message.nextAttemptAt) })}</p>
                )}
                {message.lastError && (
                  <p>
                    {t('lastError')}: <code>{message.lastError}</code>
                  </p>
                )}
              </td>
              <td>{t('attemptsOf', { attempts: message.attempts, max: MAX_ATTEMPTS })}</td>
              <td>
                <form action={retryOutboxAction}>
                  <input type="hidden" name="id" value={message.id} />
                  <button type="submit" className="button button--secondary button--small">
                    {t('retry')}
                    <span className="visually-hidden"> {t('retryLabel', { subject: message.subject })}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
