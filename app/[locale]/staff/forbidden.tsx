import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';

/** Rendered with status 403 when a page calls forbidden() (lib/auth/require.ts: signed in, without the role). */
export default async function StaffForbidden() {
  const t = await getTranslations('staff.forbidden');
  return (
    <div className="container page narrow">
      <h1>{t('title')}</h1>
      <p>{t('text')}</p>
      <p>
        <Link href="/staff">{t('back')}</Link>
      </p>
    </div>
  );
}
