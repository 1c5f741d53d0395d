import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { serverSecret } from '@/lib/env';

/*
 * The two links of a follow. The confirmation token is random and stored only as its SHA-256, so a
 * copy of the database cannot confirm anyone. The unsubscribe token is not stored at all: it is a
 * keyed hash (AUTH_SECRET) of the follow's id and creation time, so every message can carry it
 * without the database holding it. Rotating AUTH_SECRET invalidates the unsubscribe links of
 * messages sent before; the next message carries a working one.
 */

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function newConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** A confirmation token as we issue it: 32 random bytes, base64url. */
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
