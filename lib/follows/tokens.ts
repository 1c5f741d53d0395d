import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { serverSecret } from '@/lib/env';

/*
 * The two links of a follow, both keyed hashes (AUTH_SECRET), so a copy of the database can neither
 * confirm nor unsubscribe anyone. The confirmation token is one of the follow's id and its request's
 * expiry, stored only as its SHA-256 (the lookup): a resident who asks again while a request is open
 * gets the same link again, so the first e-mail's link keeps working. The unsubscribe token is not
 * stored at all: one of the follow's id and creation time, so every message can carry it. Rotating
 * AUTH_SECRET invalidates the links of messages sent before: a confirmation is asked for anew, and
 * the next message carries a working unsubscribe link.
 */

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** The confirmation token of the follow's open request, and the hash it is found by. */
export function confirmToken(follow: { id: number; confirmExpiresAt: Date }): { token: string; hash: string } {
  const token = createHmac('sha256', serverSecret()).update(`follow-confirm:${follow.id}:${follow.confirmExpiresAt.getTime()}`).digest('base64url');
  return { token, hash: hashToken(token) };
}

/** A confirmation token in shape: 32 bytes, base64url (as earlier random ones were too). */
export function isConfirmToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}

type FollowIdentity = { id: number; createdAt: Date };

function unsubscribeMac(follow: FollowIdentity): string {
  return createHmac('sha256', serverSecret()).update(`follow-unsubscribe:${follow.id}:${follow.createdAt.getTime()}`).digest('base64url');
}

export function unsubscribeToken(follow: FollowIdentity): string {
  return `${follow.id}.${unsubscribeMac(follow)}`;
}

/** The follow id an unsubscribe token names, or null when it is not one of ours in shape. */
export function followIdOfUnsubscribeToken(token: unknown): number | null {
  if (typeof token !== 'string') return null;
  const match = /^(\d{1,9})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match ? Number(match[1]) : null;
}

export function matchesUnsubscribeToken(follow: FollowIdentity, token: string): boolean {
  const expected = Buffer.from(unsubscribeToken(follow));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
