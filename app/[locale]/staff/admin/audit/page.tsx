import { getTranslations, setRequestLocale } from 'next-intl/server';
import { AuditChanges } from '@/components/admin/audit-changes';
import { TableScroll } from '@/components/data-table';
import { FieldLink } from '@/components/field-link';
import type { ErrorCode } from '@/lib/admin/form-state';
import { adminMetadata } from '@/lib/admin/metadata';
import { auditFilterSchema, getAuditFacets, listAuditEntries, type AuditFilters } from '@/lib/audit/queries';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { getFormatter } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export const generateMetadata = () => adminMetadata('audit.title');

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const filterNames = ['actor', 'action', 'entity', 'entityId', 'from', 'to'] as const;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The query string of a page of results: the filters in use, and the cursor. */
function pageHref(filters: Record<string, string>, cursor?: number) {
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  if (cursor) query.set('cursor', String(cursor));
  const text = query.toString();
  return `/staff/admin/audit${text ? `?${text}` : ''}`;
}

/**
 * Admin only: who changed what and when, filtered by actor, action, entity and period, newest
 * first, page by page (keyset). A plain GET form: the filters live in the address, so a view can
 * be shared, and it works without JavaScript. GET /api/staff/audit answers the same query as JSON.
 */
export default async function AdminAuditPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const query = await searchParams;
  const raw = Object.fromEntries(filterNames.map((name) => [name, first(query[name]).trim()])) as Record<(typeof filterNames)[number], string>;
  const parsed = auditFilterSchema.safeParse({ ...raw, cursor: first(query.cursor) });
  const fields: Record<string, string> = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
  const db = await getDb();
  const filters: AuditFilters = parsed.success ? parsed.data : auditFilterSchema.parse({});
  const [t, tErrors, format, facets, page] = await Promise.all([
    getTranslations('admin.audit'),
    getTranslations('admin.errors'),
    getFormatter(),
    getAuditFacets(db),
    parsed.success ? listAuditEntries(db, filters) : Promise.resolve({ entries: [], nextCursor: null }),
  ]);
  const labels: Record<string, string> = { actor: t('actor'), action: t('action'), entity: t('entity'), entityId: t('entityId'), from: t('from'), to: t('to'), cursor: t('title') };
  const errorOf = (name: string) => {
    const code = fields[name] as ErrorCode | undefined;
    if (!code) return undefined;
    return tErrors.has(code) ? tErrors(code) : tErrors('invalid');
  };
  const describedBy = (name: string) => (fields[name] ? `audit-${name}-error` : undefined);
  // Actions and entities are stored as codes (user.created): shown in words, the code for one that has none.
  type Key = Parameters<typeof t>[0];
  const named = (key: string) => (t.has(key as Key) ? t(key as Key) : null);
  const actionName = (action: string) => named(`actions.${action}`) ?? action;
  const entityName = (entity: string) => named(`entities.${entity}`) ?? entity;
  const filtered = filterNames.some((name) => raw[name]);

  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {!parsed.success && (
        <div className="error-summary" aria-labelledby="audit-errors">
          <p id="audit-errors">
            <strong>{t('filterErrors')}</strong>
          </p>
          <ul>
            {Object.keys(fields).map((name) => (
              <li key={name}>
                <FieldLink target={`audit-${name}`}>
                  {labels[name] ?? name}: {errorOf(name)}
                </FieldLink>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="get" className="filters" aria-label={t('filtersLabel')}>
        <div>
          <label htmlFor="audit-actor">{t('actor')}</label>
          <select id="audit-actor" name="actor" defaultValue={raw.actor} aria-invalid={fields.actor ? true : undefined} aria-describedby={describedBy('actor')}>
            <option value="">{t('all')}</option>
            <option value="system">{t('system')}</option>
            {facets.actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.name} ({actor.email})
              </option>
            ))}
          </select>
          {fields.actor && (
            <p id="audit-actor-error" className="field-error">
              {errorOf('actor')}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="audit-action">{t('action')}</label>
          <select id="audit-action" name="action" defaultValue={raw.action}>
            <option value="">{t('all')}</option>
            {facets.actions.map((action) => (
              <option key={action} value={action}>
                {actionName(action)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-entity">{t('entity')}</label>
          <select id="audit-entity" name="entity" defaultValue={raw.entity}>
            <option value="">{t('all')}</option>
            {facets.entities.map((entity) => (
              <option key={entity} value={entity}>
                {entityName(entity)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-entityId">{t('entityId')}</label>
          <input id="audit-entityId" name="entityId" type="text" className="input--short" defaultValue={raw.entityId} />
        </div>
        {(['from', 'to'] as const).map((name) => (
          <div key={name}>
            <label htmlFor={`audit-${name}`}>{labels[name]}</label>
            <input
              id={`audit-${name}`}
              name={name}
              type="date"
              defaultValue={raw[name]}
              aria-invalid={fields[name] ? true : undefined}
              aria-describedby={describedBy(name)}
            />
            {fields[name] && (
              <p id={`audit-${name}-error`} className="field-error">
                {errorOf(name)}
              </p>
            )}
          </div>
        ))}
        <div className="filters__actions">
          <button type="submit" className="button">
            {t('apply')}
          </button>
          {filtered && <Link href="/staff/admin/audit">{t('reset')}</Link>}
        </div>
      </form>

      {parsed.success && page.entries.length === 0 && <p>{filtered ? t('emptyFiltered') : t('empty')}</p>}
      {page.entries.length > 0 && (
        <TableScroll label={t('caption')}>
          <table className="data-table audit-table">
            <caption className="visually-hidden">{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('at')}</th>
                <th scope="col">{t('actor')}</th>
                <th scope="col">{t('action')}</th>
                <th scope="col">{t('entity')}</th>
                <th scope="col">{t('changes')}</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at}>{format.dateTime(new Date(entry.at), { dateStyle: 'medium', timeStyle: 'medium' })}</time>
                  </td>
                  <td>{entry.actor ? entry.actor.name || entry.actor.email : t('system')}</td>
                  <td>{actionName(entry.action)}</td>
                  <td>
                    {entityName(entry.entity)}
                    {entry.entityId && (
                      <>
                        {' '}
                        <code>{entry.entityId}</code>
                      </>
                    )}
                  </td>
                  <td>
                    <AuditChanges before={entry.before} after={entry.after} labels={{ before: t('before'), after: t('after'), show: t('showChanges') }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label={t('pagination')} className="pagination">
        {filters.cursor && <Link href={pageHref(raw)}>{t('newest')}</Link>}
        {page.nextCursor && <Link href={pageHref(raw, page.nextCursor)}>{t('older')}</Link>}
      </nav>
    </div>
  );
}
