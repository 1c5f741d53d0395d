import type { OutboxKind } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { format, getMessages } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/routing';
import { trackingPath } from '@/lib/reports/service';

export type ReporterMessage = { subject: string; text: string };

/**
 * The tracking link in an e-mail. Absolute when AUTH_URL (the portal's public address) is set —
 * its origin is used, so `https://portal.example/api/auth` works too; without it the message
 * carries the path alone (`/track/LUN-…`), which is fine for development but not for residents:
 * production sets AUTH_URL (README, "Configuration").
 */
export function trackingUrl(ref: string, locale: Locale): string {
  return absoluteUrl(trackingPath(ref, locale));
}

/** A path of the portal as a link for an e-mail: on AUTH_URL's origin when it is set (see trackingUrl). */
export function absoluteUrl(path: string): string {
  const base = env().AUTH_URL;
  return base ? `${new URL(base).origin}${path}` : path;
}

/**
 * A plain-text message to a reporter in the language they reported in: what happened, an optional
 * text from staff (a reply, or a note such as the reason for dismissing), and the tracking link.
 * It never repeats the resident's description or address.
 */
export function composeReporterMessage(input: {
  kind: OutboxKind;
  locale: Locale;
  ref: string;
  city: string;
  text?: string | null;
}): ReporterMessage {
  const m = getMessages(input.locale).email;
  const values = { ref: input.ref, city: input.city };
  const staffText = input.text?.trim();
  const paragraphs = [m.greeting, format(m.bodies[input.kind], values)];
  if (staffText) {
    // A reply follows its introduction directly; any other text is a note from staff.
    if (input.kind !== 'reply') paragraphs.push(m.noteIntro);
    paragraphs.push(staffText);
  }
  paragraphs.push(`${m.tracking}\n${trackingUrl(input.ref, input.locale)}`, format(m.closing, values), `-- \n${m.footer}`);
  return { subject: format(m.subjects[input.kind], values), text: `${paragraphs.join('\n\n')}\n` };
}
