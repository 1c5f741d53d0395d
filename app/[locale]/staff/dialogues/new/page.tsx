import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DialogueForm } from '@/components/dialogue-editor/dialogue-form';
import { requireRole } from '@/lib/auth/require';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { listDistrictChoices } from '@/lib/dialogues/staff-queries';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dialogueEditor');
  return { title: t('new.metaTitle', { city: getCityConfig().name }), robots: { index: false } };
}

/** Coordinators: record a new dialogue; concerns and measures follow on its page once it exists. */
export default async function NewDialoguePage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireRole('coordinator');
  const [t, districts] = await Promise.all([getTranslations('dialogueEditor'), listDistrictChoices(await getDb())]);
  return (
    <div className="container page">
      <p>
        <Link href="/staff/dialogues">← {t('edit.back')}</Link>
      </p>
      <h1>{t('new.title')}</h1>
      <p>{t('new.intro')}</p>
      <DialogueForm initial={{}} districts={districts} />
    </div>
  );
}
