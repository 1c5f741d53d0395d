import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { getPathname } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { TrackFormFields } from './track-form-fields';

/** Where the tracking pages are: under /embed inside the widget (proxy.ts marks those requests), so the frame stays framable. */
export async function trackBase(): Promise<'/track' | '/embed/track'> {
  return (await headers()).get('x-embed') === '1' ? '/embed/track' : '/track';
}

/**
 * Look up a report by its reference (`refPrefix`-XXXXXX); the text is translated here, on the server.
 * `refused`: a malformed reference the form sent without JavaScript, shown again with the error.
 */
export async function TrackForm({ refPrefix, refused }: { refPrefix: string; refused?: string }) {
  const t = await getTranslations('track');
  const locale = (await getLocale()) as Locale;
  const base = await trackBase();
  const example = `${refPrefix}-7K2Q9M`;
  return (
    <TrackFormFields
      text={{ label: t('formLabel'), hint: t('formHint', { example }), submit: t('formSubmit'), invalid: t('formInvalid', { example }) }}
      base={base}
      action={getPathname({ href: base, locale })}
      refused={refused}
    />
  );
}
