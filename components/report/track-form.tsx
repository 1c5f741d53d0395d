import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { getCityConfig } from '@/lib/city/config';
import { getPathname } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { TrackFormFields, type TrackProblem } from './track-form-fields';

/** Where the tracking pages are: under /embed inside the widget (proxy.ts marks those requests), so the frame stays framable. */
export async function trackBase(): Promise<'/track' | '/embed/track'> {
  return (await headers()).get('x-embed') === '1' ? '/embed/track' : '/track';
}

/**
 * Look up a report by its reference (the city's prefix and six symbols); the text is translated
 * here, on the server. `refused` and `problem`: what was sent and what was wrong with it, shown again
 * with the error; `refusedInPath`: what was sent is the address's last segment.
 */
export async function TrackForm({
  refused,
  refusedInPath,
  problem,
  retryAfterSeconds = 3600,
}: {
  refused?: string;
  refusedInPath?: boolean;
  problem?: TrackProblem;
  retryAfterSeconds?: number;
}) {
  const t = await getTranslations('track');
  const locale = (await getLocale()) as Locale;
  const base = await trackBase();
  const { refPrefix } = getCityConfig();
  const example = `${refPrefix}-7K2Q9M`;
  return (
    <TrackFormFields
      text={{
        label: t('formLabel'),
        hint: t('formHint', { example }),
        submit: t('formSubmit'),
        empty: t('formEmpty'),
        invalid: t('formInvalid', { example }),
        unknown: t('notFound'),
        // The API's own message for it, as the form shows it with JavaScript.
        limited: (await getTranslations('api'))('lookups_limited', { minutes: Math.ceil(retryAfterSeconds / 60) }),
      }}
      refPrefix={refPrefix}
      base={base}
      action={getPathname({ href: base, locale })}
      refused={refused}
      refusedInPath={refusedInPath}
      problem={problem}
    />
  );
}

/** The tracking form as a page of its own: the index page, and a reference's page once its client is limited. */
export async function TrackFormPage(props: Parameters<typeof TrackForm>[0]) {
  const t = await getTranslations('track');
  return (
    <div className="container page narrow">
      <h1>{t('formTitle')}</h1>
      <TrackForm {...props} />
    </div>
  );
}
