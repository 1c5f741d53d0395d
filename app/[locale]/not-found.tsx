import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getCityConfig } from '@/lib/city/config';
import { Link } from '@/lib/i18n/navigation';

// The title is what a screen reader announces first: it must say that the page was not found.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('notFoundMetaTitle', { city: getCityConfig().name }) };
}

export default async function NotFound() {
  const t = await getTranslations('common');
  return (
    <div className="container page">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundText')}</p>
      <p>
        <Link href="/">{t('backHome')}</Link>
      </p>
    </div>
  );
}
