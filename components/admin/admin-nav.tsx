'use client';

import { useTranslations } from 'next-intl';
import { NavLink } from '@/components/nav-link';

const sections = ['overview', 'users', 'categories', 'districts', 'settings', 'apiKeys', 'audit', 'outbox', 'feedback'] as const;

/** Section names are message keys (camelCase); paths are kebab-case. */
function hrefOf(section: (typeof sections)[number]) {
  if (section === 'overview') return '/staff/admin';
  return `/staff/admin/${section.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** The administration's sections; the current one is marked for screen readers too (aria-current). */
export function AdminNav() {
  const t = useTranslations('admin.nav');
  return (
    <nav aria-label={t('label')} className="admin-nav">
      <ul>
        {sections.map((section) => (
          <li key={section}>
            <NavLink href={hrefOf(section)} exact={section === 'overview'}>
              {t(section)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
