import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { settings } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { defaultLocale, type Locale } from '@/lib/i18n/routing';

export const contentPages = ['impressum', 'datenschutz', 'barrierefreiheit', 'leichte-sprache'] as const;
export type ContentPage = (typeof contentPages)[number];

export function isContentPage(value: string): value is ContentPage {
  return (contentPages as readonly string[]).includes(value);
}

export type PageContent = { title: string; body: string; locale: Locale };

function fromMarkdown(markdown: string, locale: Locale): PageContent {
  const [first, ...rest] = markdown.trim().split('\n');
  return { title: first.replace(/^#\s*/, '').trim(), body: rest.join('\n').trim(), locale };
}

function readDefault(page: ContentPage, locale: Locale): string | null {
  try {
    return readFileSync(join(process.cwd(), 'cities', env().CITY, 'pages', `${page}.${locale}.md`), 'utf8');
  } catch {
    return null;
  }
}

/**
 * A page's Markdown: an admin's text (setting `page.<slug>.<locale>`) or the city's default file,
 * falling back to German where a translation is missing (the result says which language it is).
 */
export async function getPageContent(db: Db, page: ContentPage, locale: Locale): Promise<PageContent | null> {
  for (const candidate of locale === defaultLocale ? [locale] : [locale, defaultLocale]) {
    const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, `page.${page}.${candidate}`));
    const markdown = typeof row?.value === 'string' && row.value.trim() ? row.value : readDefault(page, candidate);
    if (markdown) return fromMarkdown(markdown, candidate);
  }
  return null;
}
