/**
 * The priorities page's filters, read from the address (a GET form): district, category and a time
 * window of the week ("Fri 20–24 h": days plus local hours). Bad values are named and ignored, never
 * half-applied.
 */
import { z } from 'zod';
import { weekdays, type Weekday } from '@/lib/reports/types';
import { windowSlotWeights, type SlotId, type WeekWindow } from './slots';

export type PriorityFilters = {
  district?: string;
  category?: string;
  window?: WeekWindow;
};

export type PriorityFilterError = 'days_invalid' | 'hours_invalid' | 'slug_invalid';

const slug = z.string().trim().regex(/^[a-z0-9-]{1,64}$/);
const hour = z.string().trim().regex(/^\d{1,2}$/).transform(Number).pipe(z.number().min(0).max(24));

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
}

export function parsePriorityFilters(params: Record<string, string | string[] | undefined>): {
  filters: PriorityFilters;
  errors: Partial<Record<'district' | 'category' | 'days' | 'hours', PriorityFilterError>>;
} {
  const filters: PriorityFilters = {};
  const errors: Partial<Record<'district' | 'category' | 'days' | 'hours', PriorityFilterError>> = {};
  for (const key of ['district', 'category'] as const) {
    const value = list(params[key])[0];
    if (value === undefined) continue;
    const parsed = slug.safeParse(value);
    if (parsed.success) filters[key] = parsed.data;
    else errors[key] = 'slug_invalid';
  }
  const days = list(params.days);
  const from = list(params.from)[0];
  const to = list(params.to)[0];
  if (days.length === 0 && from === undefined && to === undefined) return { filters, errors };
  const badDay = days.some((d) => !(weekdays as readonly string[]).includes(d));
  const fromHour = hour.safeParse(from ?? '0');
  const toHour = hour.safeParse(to ?? '24');
  if (badDay) errors.days = 'days_invalid';
  if (!fromHour.success || !toHour.success || fromHour.data === 24 || (toHour.data === 0 && fromHour.data === 0)) errors.hours = 'hours_invalid';
  if (!errors.days && !errors.hours) {
    filters.window = {
      days: days.length > 0 ? [...new Set(days as Weekday[])] : [...weekdays],
      from: fromHour.data!,
      to: toHour.data!,
    };
  }
  return { filters, errors };
}

export function slotWeightsOf(filters: PriorityFilters): Record<SlotId, number> | undefined {
  return filters.window ? windowSlotWeights(filters.window) : undefined;
}
