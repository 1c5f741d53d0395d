import { createFormatter, type Locale } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { cache } from 'react';
import { getCityConfig } from '@/lib/city/config';
import { intlLocale } from './routing';

/**
 * The page's formatter for dates, numbers and lists, in the city's time zone. Like next-intl's
 * `getFormatter`, but in the page language's `Intl` locale (`intlLocale`): next-intl formats in the
 * routing locale, and `en` alone means US dates.
 */
export const getFormatter = cache(async () =>
  // next-intl types the locale as one of the routing's; Intl takes any BCP 47 tag.
  createFormatter({ locale: intlLocale(await getLocale()) as Locale, timeZone: getCityConfig().timeZone }),
);
