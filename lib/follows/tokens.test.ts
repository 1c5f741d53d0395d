import { describe, expect, it } from 'vitest';
import { confirmToken, followIdOfUnsubscribeToken, hashToken, isConfirmToken, matchesUnsubscribeToken, unsubscribeToken } from './tokens';

describe('follow tokens', () => {
  it('derives the confirmation token from the follow and its request, and stores only its hash', () => {
    const expiresAt = new Date('2026-11-28T10:00:00.000Z');
    const a = confirmToken({ id: 42, confirmExpiresAt: expiresAt });
    expect(confirmToken({ id: 42, confirmExpiresAt: new Date(expiresAt) })).toEqual(a);
    const others = [confirmToken({ id: 43, confirmExpiresAt: expiresAt }), confirmToken({ id: 42, confirmExpiresAt: new Date(expiresAt.getTime() + 1) })];
    for (const b of others) expect(b.token).not.toBe(a.token);
    expect(isConfirmToken(a.token)).toBe(true);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).not.toContain(a.token);
    expect(isConfirmToken(`${a.token}x`)).toBe(false);
    expect(isConfirmToken(undefined)).toBe(false);
  });

  it('derives the unsubscribe token from the follow, and accepts no other', () => {
    const follow = { id: 42, createdAt: new Date('2026-11-26T10:00:00.123Z') };
    const token = unsubscribeToken(follow);
    expect(followIdOfUnsubscribeToken(token)).toBe(42);
    expect(matchesUnsubscribeToken(follow, token)).toBe(true);
    // A follow created again later (same id after a restore, or another row) gets another token.
    expect(matchesUnsubscribeToken({ id: 42, createdAt: new Date('2026-11-26T10:00:00.124Z') }, token)).toBe(false);
    expect(matchesUnsubscribeToken({ id: 43, createdAt: follow.createdAt }, token.replace(/^42/, '43'))).toBe(false);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(matchesUnsubscribeToken(follow, tampered)).toBe(false);
    expect(matchesUnsubscribeToken(follow, `${token}A`)).toBe(false);
    expect(followIdOfUnsubscribeToken('42')).toBeNull();
    expect(followIdOfUnsubscribeToken(['42.x'])).toBeNull();
  });
});
