import { getTranslations } from 'next-intl/server';
import { getCityConfig } from '@/lib/city/config';
import { Link } from '@/lib/i18n/navigation';

/** Rendered with status 403 when a page calls forbidden() (lib/auth/require.ts: signed in, without the role). */
export default async function StaffForbidden() {
  const t = await getTranslations('staff.forbidden');
  const common = await getTranslations('common');
  return (
    <div className="container page narrow">
      {/* The refused page's own title is already in the head; React puts this one before it, and the first counts. */}
      <title>{common('pageTitle', { page: t('title'), city: getCityConfig().name })}</title>
      <h1>{t('title')}</h1>
      <p>{t('text')}</p>
      <p>
        <Link href="/staff">{t('back')}</Link>
      </p>
    </div>
  );
}
