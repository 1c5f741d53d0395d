import type { LocalizedText } from '@/lib/db/schema';
import { localizeWithLang } from '@/lib/i18n/localize';
import type { Locale } from '@/lib/i18n/routing';
import { Markdown } from '@/components/content/markdown';

/** Staff-written text in the page's language, or German marked with lang="de" where it is missing. */
export function Localized({
  text,
  locale,
  markdown = false,
  as: Tag = 'span',
}: {
  text: LocalizedText;
  locale: Locale;
  markdown?: boolean;
  as?: 'span' | 'p' | 'div';
}) {
  const { text: value, lang } = localizeWithLang(text, locale);
  const langProp = lang === locale ? {} : { lang };
  if (markdown) {
    return (
      <div {...langProp}>
        <Markdown>{value}</Markdown>
      </div>
    );
  }
  return <Tag {...langProp}>{value}</Tag>;
}
