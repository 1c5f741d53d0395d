import { sql } from 'drizzle-orm';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { adminMetadata } from '@/lib/admin/metadata';
import { requireRole } from '@/lib/auth/require';
import { getDb } from '@/lib/db/client';
import { categories, districts, users } from '@/lib/db/schema';
import { countOutbox } from '@/lib/email/outbox';
import { countOpenFeedback } from '@/lib/feedback/feedback';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export const generateMetadata = () => adminMetadata();

/** Admin only: the administration's sections, each with what is worth knowing before opening it. */
export default async function AdminOverviewPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('admin');
  const db = await getDb();
  const count = sql<number>`count(*)::int`;
  const [t, [userCount], [categoryCount], [districtCount], outbox, openFeedback] = await Promise.all([
    getTranslations('admin.overview'),
    db.select({ count, active: sql<number>`count(*) filter (where ${users.active})::int` }).from(users),
    db.select({ count, active: sql<number>`count(*) filter (where ${categories.active})::int` }).from(categories),
    db.select({ count }).from(districts),
    countOutbox(db),
    countOpenFeedback(db),
  ]);
  const sections = [
    { href: '/staff/admin/users', title: t('users'), text: t('usersText', { active: userCount.active, total: userCount.count }) },
    { href: '/staff/admin/categories', title: t('categories'), text: t('categoriesText', { active: categoryCount.active, total: categoryCount.count }) },
    { href: '/staff/admin/districts', title: t('districts'), text: t('districtsText', { count: districtCount.count }) },
    { href: '/staff/admin/settings', title: t('settings'), text: t('settingsText') },
    { href: '/staff/admin/audit', title: t('audit'), text: t('auditText') },
    { href: '/staff/admin/outbox', title: t('outbox'), text: t('outboxText', { pending: outbox.pending, failed: outbox.failed }), attention: outbox.failed > 0 },
    { href: '/staff/admin/feedback', title: t('feedback'), text: t('feedbackText', { count: openFeedback }), attention: openFeedback > 0 },
  ];
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <ul className="card-list card-grid">
        {sections.map((section) => (
          <li key={section.href} className={section.attention ? 'card card--attention' : 'card'}>
            <h2 className="card__title">
              <Link href={section.href}>{section.title}</Link>
            </h2>
            <p>{section.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
