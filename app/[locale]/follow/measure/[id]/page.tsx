import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { FollowForm } from '@/components/follow/follow-form';
import { getCityConfig } from '@/lib/city/config';
import { getDb } from '@/lib/db/client';
import { getFollowTarget } from '@/lib/follows/service';
import { Link } from '@/lib/i18n/navigation';
import { localizeWithLang } from '@/lib/i18n/localize';
import type { Locale } from '@/lib/i18n/routing';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: Locale; id: string }> };

/** The public measure, or the not-found page (from the metadata step too, so that its title says so). */
async function load(id: string) {
  const target = /^\d{1,9}$/.test(id) ? await getFollowTarget(await getDb(), 'measure', Number(id)) : null;
  if (!target || target.kind !== 'measure') notFound();
  return target;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await load((await params).id);
  const t = await getTranslations('follow');
  return { title: t('measureMetaTitle', { city: getCityConfig().name }) };
}

/** "Follow this measure by e-mail": the form for one public measure (linked from every measure card). */
export default async function FollowMeasurePage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('follow');
  const target = await load(id);
  const title = localizeWithLang(target.title, locale);
  return (
    <div className="container page">
      <h1>
        {t.rich('measureTitle', {
          title: title.text,
          // A title that has no translation stands in German, and says so to a screen reader.
          measure: (chunks) => <span lang={title.lang === locale ? undefined : title.lang}>{chunks}</span>,
        })}
      </h1>
      <p>{t('measureIntro')}</p>
      <ClientMessages namespaces={['follow']}>
        <FollowForm target="measure" targetId={target.id} />
      </ClientMessages>
      <p>
        <Link href={`/measures#measure-${target.id}`}>{t('backToMeasures')}</Link>
      </p>
    </div>
  );
}
