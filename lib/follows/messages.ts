import { getCityConfig } from '@/lib/city/config';
import type { LocalizedText, MeasureStatus } from '@/lib/db/schema';
import { absoluteUrl } from '@/lib/email/messages';
import { format, getMessages } from '@/lib/i18n/messages';
import { localize } from '@/lib/i18n/localize';
import { intlLocale, localizedPath, type Locale } from '@/lib/i18n/routing';
import { CONFIRM_TTL_HOURS } from './limits';
import { unsubscribeToken } from './tokens';

/** What a follow is about, enough to name it in a message or on a page. */
export type FollowTarget = { kind: 'district'; id: number; name: string; slug: string } | { kind: 'measure'; id: number; title: LocalizedText };

export type FollowMessage = { subject: string; text: string; headers: Record<string, string> };

/** "the district Brambauer" / "the measure “More light”", in the follower's language. */
export function describeTarget(target: FollowTarget, locale: Locale): string {
  const m = getMessages(locale).follow;
  return target.kind === 'district' ? format(m.targetDistrict, { name: target.name }) : format(m.targetMeasure, { title: localize(target.title, locale) });
}

export function confirmUrl(token: string, locale: Locale): string {
  return absoluteUrl(localizedPath(`/follow/confirm?token=${token}`, locale));
}

/** The page with an "unsubscribe" button, linked in every message's text. */
export function unsubscribePageUrl(token: string, locale: Locale): string {
  return absoluteUrl(localizedPath(`/follow/unsubscribe?token=${token}`, locale));
}

/** The RFC 8058 one-click address: a POST there unsubscribes without a page. */
export function oneClickUnsubscribeUrl(token: string): string {
  return absoluteUrl(`/api/follow/unsubscribe?token=${token}`);
}

type Follower = { id: number; createdAt: Date; locale: Locale };

/**
 * Wraps a message to a follower: greeting, the paragraphs, closing, and a footer that says why it
 * came and how to stop it, with the unsubscribe link in the text and in the List-Unsubscribe and
 * List-Unsubscribe-Post headers (RFC 8058), so mail programs offer one-click unsubscribing.
 */
function toFollower(follower: Follower, target: FollowTarget, subject: string, paragraphs: string[], why: 'follows' | 'asked' = 'follows'): FollowMessage {
  const m = getMessages(follower.locale).followEmail;
  const city = getCityConfig().name;
  const token = unsubscribeToken(follower);
  const reason = format(why === 'follows' ? m.footer : m.confirmFooter, { target: describeTarget(target, follower.locale) });
  const footer = [reason, m.unsubscribe, unsubscribePageUrl(token, follower.locale)].join('\n');
  const text = [m.greeting, ...paragraphs, format(m.closing, { city }), `-- \n${footer}`].join('\n\n');
  return {
    subject,
    text: `${text}\n`,
    headers: { 'List-Unsubscribe': `<${oneClickUnsubscribeUrl(token)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** The double opt-in's message: the link, and until when it works (a request asked again sends the same link). */
export function composeConfirmation(follower: Follower, target: FollowTarget, confirm: { token: string; expiresAt: Date }): FollowMessage {
  const m = getMessages(follower.locale).followEmail;
  const until = new Intl.DateTimeFormat(intlLocale(follower.locale), { dateStyle: 'long', timeStyle: 'short', timeZone: getCityConfig().timeZone }).format(confirm.expiresAt);
  const values = { target: describeTarget(target, follower.locale), city: getCityConfig().name, hours: CONFIRM_TTL_HOURS, until };
  const ignore = `${format(m.confirmIgnore, values)}\n${unsubscribePageUrl(unsubscribeToken(follower), follower.locale)}`;
  const link = `${format(m.confirmBody, values)}\n${confirmUrl(confirm.token, follower.locale)}`;
  return toFollower(follower, target, format(m.confirmSubject, values), [link, ignore], 'asked');
}

function longDate(date: Date | string, locale: Locale): string {
  const day = typeof date === 'string' ? new Date(`${date}T12:00:00Z`) : date;
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: getCityConfig().timeZone }).format(day);
}

const readMore = (locale: Locale, path: string) => `${getMessages(locale).followEmail.readMore}\n${absoluteUrl(localizedPath(path, locale))}`;

export function composeDialogueNotice(
  follower: Follower,
  target: FollowTarget,
  dialogue: { id: number; title: LocalizedText; heldOn: string; districtName: string },
): FollowMessage {
  const m = getMessages(follower.locale).followEmail;
  const values = { district: dialogue.districtName, title: localize(dialogue.title, follower.locale), date: longDate(dialogue.heldOn, follower.locale) };
  return toFollower(follower, target, format(m.dialogueSubject, values), [format(m.dialogueBody, values), readMore(follower.locale, `/dialogues/${dialogue.id}`)]);
}

export type MeasureEvent =
  | { kind: 'update'; text: LocalizedText; statusTo: MeasureStatus | null; at: Date }
  | { kind: 'published'; districtName: string | null };

export function composeMeasureNotice(
  follower: Follower,
  target: FollowTarget,
  measure: { id: number; title: LocalizedText; status: MeasureStatus },
  event: MeasureEvent,
): FollowMessage {
  const messages = getMessages(follower.locale);
  const m = messages.followEmail;
  const status = messages.measures.statuses[measure.status];
  const title = localize(measure.title, follower.locale);
  const link = readMore(follower.locale, `/measures#measure-${measure.id}`);
  if (event.kind === 'published') {
    const values = { district: event.districtName ?? '', title, status };
    return toFollower(follower, target, format(m.measurePublishedSubject, values), [format(m.measurePublishedBody, values), link]);
  }
  const values = { title, date: longDate(event.at, follower.locale) };
  const body = [format(m.measureUpdateBody, values), ...(event.statusTo ? [format(m.measureStatus, { status })] : []), localize(event.text, follower.locale)];
  return toFollower(follower, target, format(m.measureUpdateSubject, values), [body.join('\n'), link]);
}
