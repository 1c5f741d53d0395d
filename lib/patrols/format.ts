import { getCityConfig } from '@/lib/city/config';
import type { PatrolPlan } from '@/lib/db/schema';
import { format, getMessages } from '@/lib/i18n/messages';
import { intlLocale, type Locale } from '@/lib/i18n/routing';
import type { ExportLabels } from './export';
import type { Schedule } from './plan';

/** Times of a plan in the city's time zone, whatever the server's. */
export function clockTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: getCityConfig().timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

export function localDate(date: Date | string, locale: Locale): string {
  const value = typeof date === 'string' ? new Date(`${date}T12:00:00Z`) : date;
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: getCityConfig().timeZone, weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' }).format(value);
}

/** "Fr., 27.11.2026, 20:00–24:00 Uhr" */
export function shiftLabel(plan: Pick<PatrolPlan, 'shiftDate' | 'startsAt' | 'endsAt'>, locale: Locale): string {
  return format(getMessages(locale).patrols.shift, {
    date: localDate(plan.shiftDate, locale),
    from: clockTime(plan.startsAt, locale),
    // A shift that ends at midnight ends at 24:00 of its day (DIN 5008), not at 00:00.
    to: clockTime(plan.endsAt, locale).replace(/^00:00$/, '24:00'),
  });
}

export function exportLabels(plan: PatrolPlan, schedule: Schedule, locale: Locale): ExportLabels {
  const m = getMessages(locale).patrols.export;
  return {
    title: format(m.title, { shift: shiftLabel(plan, locale) }),
    stop: (n) => format(m.stop, { n }),
    arrivals: (i) => format(m.arrivals, { times: (schedule.stops[i]?.arrivals ?? []).map((d) => clockTime(d, locale)).join(', ') }),
  };
}
