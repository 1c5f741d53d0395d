import { z } from 'zod';
import { followTargetKinds } from '@/lib/db/schema';
import { locales } from '@/lib/i18n/routing';

/** The "follow by e-mail" form. Error messages are codes; the form translates them. */
export const followRequestSchema = z.object({
  target: z.enum(followTargetKinds, { error: 'target' }),
  targetId: z.coerce.number({ error: 'target' }).int({ error: 'target' }).positive({ error: 'target' }).max(2_147_483_647, { error: 'target' }),
  email: z
    .string({ error: 'email' })
    .trim()
    .max(254, { error: 'email' })
    .transform((s) => s.toLowerCase())
    .pipe(z.email({ error: 'email' })),
  locale: z.enum(locales).default('de'),
  /** The honeypot: people leave it empty. */
  website: z.string().max(1000).nullish(),
});

export type FollowRequest = z.output<typeof followRequestSchema>;
