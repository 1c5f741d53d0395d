import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { setRequestLocale } from 'next-intl/server';
import { StaffHeader } from '@/components/staff/staff-header';
import { getCurrentStaff } from '@/lib/auth/require';
import type { Locale } from '@/lib/i18n/routing';

/**
 * Every staff page: the staff bar when someone is signed in. The layout authorises nothing —
 * each page calls requireRole() itself (a layout does not re-run on client navigation).
 */
export default async function StaffLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = (await params) as { locale: Locale };
  setRequestLocale(locale);
  const user = await getCurrentStaff();
  // Staff pages are not tuned for phones on slow networks: their client components get every message.
  return (
    <NextIntlClientProvider>
      {user && <StaffHeader user={user} locale={locale} />}
      <div id="staff-content" tabIndex={-1}>
        {children}
      </div>
    </NextIntlClientProvider>
  );
}
