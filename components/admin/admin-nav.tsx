'use client';

import { useTranslations } from 'next-intl';
import { Link, usePathname } from '@/lib/i18n/navigation';

const sections = ['overview', 'users', 'categories', 'districts', 'settings', 'apiKeys', 'audit', 'outbox', 'feedback'] as const;

/** Section names are message keys (camelCase); paths are kebab-case. */
function hrefOf(section: (typeof sections)[number]) {
  if (section === 'overview') return '/staff/admin';
  return `/staff/admin/${section.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** The administration's sections; the current one is marked for screen readers too (aria-current). */
export function AdminNav() {
  const t = useTranslations('admin.nav');
  const pathname = usePathname();
  return (
    <nav aria-label={t('label')} className="admin-nav">
      <ul>
        {sections.map((section) => {
          const href = hrefOf(section);
          const current = section === 'overview' ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={section}>
              <Link href={href} aria-current={current ? 'page' : undefined}>
                {t(section)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
