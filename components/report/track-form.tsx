import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { getPathname } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { TrackFormFields, type TrackProblem } from './track-form-fields';

/** Where the tracking pages are: under /embed inside the widget (proxy.ts marks those requests), so the frame stays framable. */
export async function trackBase(): Promise<'/track' | '/embed/track'> {
  return (await headers()).get('x-embed') === '1' ? '/embed/track' : '/track';
}

/**
 * Look up a report by its reference (`refPrefix`-XXXXXX); the text is translated here, on the server.
 * `refused` and `problem`: what the form sent without JavaScript and what was wrong with it, shown
 * again with the error.
 */
export async function TrackForm({ refPrefix, refused, problem }: { refPrefix: string; refused?: string; problem?: TrackProblem }) {
  const t = await getTranslations('track');
  const locale = (await getLocale()) as Locale;
  const base = await trackBase();
  const example = `${refPrefix}-7K2Q9M`;
  return (
    <TrackFormFields
      text={{ label: t('formLabel'), hint: t('formHint', { example }), submit: t('formSubmit'), empty: t('formEmpty'), invalid: t('formInvalid', { example }), unknown: t('notFound') }}
      refPrefix={refPrefix}
      base={base}
      action={getPathname({ href: base, locale })}
      refused={refused}
      problem={problem}
    />
  );
}
