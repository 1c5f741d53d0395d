import { getTranslations } from 'next-intl/server';
import { signOutAction } from '@/app/[locale]/staff/actions';
import { hasRole } from '@/lib/auth/roles';
import type { StaffUser } from '@/lib/auth/session';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { planReaders } from '@/lib/patrols/team';
import { priorityReaders } from '@/lib/priorities/overrides';
import { inboxReaders } from '@/lib/reports/workflow';

/** The staff bar: where you are, who you are, and the way out. Links a role cannot use are not shown (pages check anyway). */
export async function StaffHeader({ user, locale }: { user: StaffUser; locale: Locale }) {
  const t = await getTranslations('staff');
  const te = await getTranslations('dialogueEditor');
  const tAdmin = await getTranslations('admin.nav');
  const ti = await getTranslations('inbox');
  const tPatrols = await getTranslations('patrols');
  const tPriorities = await getTranslations('priorities');
  return (
    <div className="staff-bar">
      {/* The site's skip link lands here, in <main>, before the staff navigation: this one goes past it. */}
      <a className="skip-link" href="#staff-content">
        {t('skipNav')}
      </a>
      <div className="container staff-bar__inner">
        <nav aria-label={t('staffNav')}>
          <ul>
            <li>
              <Link href="/staff">{t('navOverview')}</Link>
            </li>
            {hasRole(user.roles, ['coordinator']) && (
              <>
                <li>
                  <Link href="/staff/dialogues">{te('nav.dialogues')}</Link>
                </li>
                <li>
                  <Link href="/staff/measures">{te('nav.measures')}</Link>
                </li>
              </>
            )}
            {hasRole(user.roles, inboxReaders) && (
              <li>
                <Link href="/staff/reports">{ti('nav')}</Link>
              </li>
            )}
            {hasRole(user.roles, planReaders) && (
              <li>
                <Link href="/staff/patrols">{tPatrols('nav')}</Link>
              </li>
            )}
            {hasRole(user.roles, priorityReaders) && (
              <li>
                <Link href="/staff/priorities">{tPriorities('nav')}</Link>
              </li>
            )}
            {hasRole(user.roles, ['admin']) && (
              <li>
                <Link href="/staff/admin">{tAdmin('headerLink')}</Link>
              </li>
            )}
          </ul>
        </nav>
        <p className="staff-bar__user">{t('signedInAs', { name: user.name })}</p>
        <form action={signOutAction}>
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" className="button button--secondary button--small">
            {t('signOut')}
          </button>
        </form>
      </div>
    </div>
  );
}
