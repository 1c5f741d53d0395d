import { z } from 'zod';
import { NAME_MAX_LENGTH } from './form-state';

/**
 * Control characters and the invisible ones that turn the direction of text (U+202A–U+202E,
 * U+2066–U+2069): a name shows in sentences and tables, where such a character would scramble the
 * text around it ("… tsi LTR").
 */
const invisibleControls = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The name admins give a staff user or an API key (which client system uses it); error codes as in admin.errors. */
export const adminNameSchema = z
  .string({ error: 'name_required' })
  .trim()
  .min(1, { error: 'name_required' })
  .max(NAME_MAX_LENGTH, { error: 'name_too_long' })
  .refine((name) => !invisibleControls.test(name), { error: 'name_invalid_characters' });
