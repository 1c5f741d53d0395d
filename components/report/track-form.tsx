import { getLocale, getTranslations } from 'next-intl/server';
import { getPathname } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { TrackFormFields } from './track-form-fields';

/**
 * Look up a report by its reference (`refPrefix`-XXXXXX); the text is translated here, on the server.
 * `refused`: a malformed reference the form sent without JavaScript, shown again with the error.
 */
export async function TrackForm({ refPrefix, refused }: { refPrefix: string; refused?: string }) {
  const t = await getTranslations('track');
  const locale = (await getLocale()) as Locale;
  const example = `${refPrefix}-7K2Q9M`;
  return (
    <TrackFormFields
      text={{ label: t('formLabel'), hint: t('formHint', { example }), submit: t('formSubmit'), invalid: t('formInvalid', { example }) }}
      action={getPathname({ href: '/track', locale })}
      refused={refused}
    />
  );
}
