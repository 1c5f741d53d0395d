import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ApiKeyForm } from '@/components/admin/api-key-form';
import { DataTable } from '@/components/data-table';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { getFormatter } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/routing';
import { listApiKeys } from '@/lib/open311/api-keys';
import { revokeApiKeyAction } from './actions';

export const generateMetadata = () => adminMetadata('apiKeys.title');

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Admin only: the Open311 API keys of other city systems — create, see use, revoke. */
export default async function AdminApiKeysPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const [t, format, keys, query] = await Promise.all([getTranslations('admin.apiKeys'), getFormatter(), listApiKeys(await getDb()), searchParams]);
  const dateTime = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {query.revoked && (
        <p className="notice notice--success" role="status">
          {t('revokedNotice')}
        </p>
      )}
      <h2>{t('newKey')}</h2>
      <ApiKeyForm />
      <h2>{t('keys')}</h2>
      {keys.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <DataTable caption={t('keys')} columns={[t('name'), t('prefix'), t('createdAt'), t('lastUsed'), t('state')]}>
          {keys.map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>{dateTime(key.createdAt)}</td>
              <td>{key.lastUsedAt ? dateTime(key.lastUsedAt) : t('neverUsed')}</td>
              <td>
                {key.revokedAt ? (
                  t('revokedAt', { at: dateTime(key.revokedAt) })
                ) : (
                  <>
                    {t('active')}
                    {/* Revoking cannot be undone: the button asks once more, without needing JavaScript. */}
                    <details className="confirm-step">
                      <summary className="button button--secondary button--small">
                        {t('revoke')}
                        <span className="visually-hidden"> {t('revokeLabel', { name: key.name })}</span>
                      </summary>
                      <form action={revokeApiKeyAction}>
                        <input type="hidden" name="id" value={key.id} />
                        <p>{t('revokeWarning', { name: key.name })}</p>
                        <button type="submit" className="button button--danger button--small">
                          {t('revokeConfirm', { name: key.name })}
                        </button>
                      </form>
                    </details>
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
