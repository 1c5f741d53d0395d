import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { DialogueView } from '@/components/dialogues/dialogue-view';
import { getDb } from '@/lib/db/client';
import { getPublishedDialogue } from '@/lib/dialogues/queries';
import { localize } from '@/lib/i18n/localize';
import { publicPageTitle } from '@/lib/i18n/titles';
import type { Locale } from '@/lib/i18n/routing';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: Locale; id: string }> };

async function load(id: string) {
  if (!/^\d{1,9}$/.test(id)) notFound();
  const dialogue = await getPublishedDialogue(await getDb(), Number(id));
  if (!dialogue) notFound();
  return dialogue;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  const dialogue = await load(id);
  return { title: await publicPageTitle(localize(dialogue.title, locale)) };
}

export default async function DialoguePage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const dialogue = await load(id);
  return <DialogueView dialogue={dialogue} locale={locale} />;
}
