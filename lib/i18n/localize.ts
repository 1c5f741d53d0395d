import type { LocalizedText } from '@/lib/db/schema';
import type { Locale } from './routing';

/** Staff write in German; English and Turkish are optional. Where one is missing, German stands in. */
export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale]?.trim() || text.de;
}

/** Like localize, and says which language the text is in, so the page can mark it (lang, a note). */
export function localizeWithLang(text: LocalizedText, locale: Locale): { text: string; lang: Locale } {
  const own = text[locale]?.trim();
  return own ? { text: own, lang: locale } : { text: text.de, lang: 'de' };
}

/** Whether any of these texts stands in German on a page in `locale` (the page then says so once). */
export function anyInGerman(texts: readonly (LocalizedText | null | undefined)[], locale: Locale): boolean {
  return texts.some((text) => text !== null && text !== undefined && localizeWithLang(text, locale).lang !== locale);
}
