import { z } from 'zod';

/**
 * A server action's form argument as a FormData. Actions are public endpoints: the Next.js action
 * protocol lets a caller pass any serialisable value (a string, a number, null, an object) where
 * the form should be, so every action reads its fields through this and sees an empty form then —
 * a validation error — instead of a TypeError and a 500.
 */
export function formDataOf(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/**
 * A record's id from a form field: a positive whole number within PostgreSQL's `integer` (serial),
 * so an id no record can have is "not found" rather than an out-of-range query error.
 */
export const formIdSchema = z.coerce.number().int().positive().max(2_147_483_647);
