import { z } from 'zod';
import { NAME_MAX_LENGTH } from './form-state';

/** The name admins give a staff user or an API key (which client system uses it); error codes as in admin.errors. */
export const adminNameSchema = z
  .string({ error: 'name_required' })
  .trim()
  .min(1, { error: 'name_required' })
  .max(NAME_MAX_LENGTH, { error: 'name_too_long' });
