import { headers } from 'next/headers';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { EmbedSnippets } from '@/components/admin/embed-snippets';
import { PrioritySettingsForm } from '@/components/admin/priority-settings-form';
import { SettingsForm } from '@/components/admin/settings-form';
import { TableScroll } from '@/components/data-table';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { publicOrigin } from '@/lib/http/origin';
import { Link } from '@/lib/i18n/navigation';
import { locales, type Locale } from '@/lib/i18n/routing';
import { contentPages } from '@/lib/pages/content';
import { effectiveStartPoints } from '@/lib/patrols/settings';
import {
  getAdminSettings,
  getPrioritySettings,
  listCustomPageTexts,
  MAX_DWELL_MINUTES,
  MAX_EMBED_ORIGINS,
  MAX_PRIVACY_K,
  MAX_RETENTION_DAYS,
  MAX_START_POINTS,
  MIN_DWELL_MINUTES,
  pageTextKey,
  PRIORITY_RANGES,
} from '@/lib/settings/admin';
import { defaultSettings, MIN_PRIVACY_K } from '@/lib/settings/defaults';

export const generateMetadata = () => adminMetadata('settings.title');

/** Admin only: privacy threshold, retention, embed origins, and the legal pages' texts. */
export default async function AdminSettingsPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const db = await getDb();
  const [t, tPages, tLanguage, tLanguageInText, current, custom, origin, priorities] = await Promise.all([
    getTranslations('admin.settings'),
    getTranslations('admin.pageTexts'),
    getTranslations('common.languageNames'),
    // Inside a sentence a language is named in the page's language ("auf Englisch"), not by its own name.
    getTranslations('dialogueEditor.languages'),
    getAdminSettings(db),
    listCustomPageTexts(db),
    headers().then(publicOrigin),
    getPrioritySettings(db),
  ]);
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <SettingsForm
        current={{
          privacyK: current['privacy.k'],
          retentionDays: current['retention.emailDays'],
          embedOrigins: current['embed.origins'],
          patrolDwellMinutes: current['patrol.dwellMinutes'],
          patrolStartPoints: current['patrol.startPoints'].map((p) => `${p.name}; ${p.lat}; ${p.lon}`).join('\n'),
        }}
        limits={{
          minK: MIN_PRIVACY_K,
          maxK: MAX_PRIVACY_K,
          maxRetentionDays: MAX_RETENTION_DAYS,
          minDwell: MIN_DWELL_MINUTES,
          maxDwell: MAX_DWELL_MINUTES,
          maxOrigins: MAX_EMBED_ORIGINS,
          maxStartPoints: MAX_START_POINTS,
        }}
        cityStartPoints={effectiveStartPoints([]).map((p) => p.name).join(', ')}
      />
      <EmbedSnippets origin={origin} allowed={current['embed.origins']} />

      <PrioritySettingsForm
        current={priorities}
        defaults={{
          halfLifeDays: defaultSettings['priorities.halfLifeDays'],
          bandwidthMetres: defaultSettings['priorities.bandwidthMetres'],
          reporterWindowDays: defaultSettings['priorities.reporterWindowDays'],
          trendDays: defaultSettings['priorities.trendDays'],
          minSupport: defaultSettings['priorities.minSupport'],
          minZ: defaultSettings['priorities.minZ'],
          fdrAlpha: defaultSettings['priorities.fdrAlpha'],
        }}
        ranges={PRIORITY_RANGES}
      />

      <h2 id="page-texts">{tPages('title')}</h2>
      <p>{tPages('intro')}</p>
      <TableScroll label={tPages('caption')}>
        <table className="data-table">
          <caption className="visually-hidden">{tPages('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{tPages('page')}</th>
              {locales.map((lang) => (
                <th scope="col" key={lang}>
                  {tLanguage(lang)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {contentPages.map((page) => (
              <tr key={page}>
                <th scope="row">{tPages(`pages.${page}`)}</th>
                {locales.map((lang) => (
                  <td key={lang}>
                    <Link href={`/staff/admin/settings/texts/${page}/${lang}`}>
                      {custom.has(pageTextKey(page, lang)) ? tPages('custom') : tPages('default')}
                      <span className="visually-hidden">
                        {' '}
                        {tPages('editLabel', { page: tPages(`pages.${page}`), language: tLanguageInText(lang) })}
                      </span>
                    </Link>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
