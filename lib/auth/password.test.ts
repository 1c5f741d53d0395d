import { describe, expect, it } from 'vitest';
import {
  checkPasswordPolicy,
  hashPassword,
  isCommonPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from './password';

describe('password policy (OWASP ASVS 2.1)', () => {
  it('asks for 12 to 128 characters, counted as a person counts them', () => {
    expect(checkPasswordPolicy('kurz-zu-kurz'.slice(0, 11))).toBe('too_short');
    expect(checkPasswordPolicy('Bahnhof Nord 7')).toBeNull();
    expect(checkPasswordPolicy('x'.repeat(128).replace(/^x{4}/, 'Lnen'))).toBeNull();
    expect(checkPasswordPolicy('y'.repeat(129))).toBe('too_long');
    // Eleven emoji are 22 UTF-16 units but still eleven characters.
    expect(checkPasswordPolicy('🔒'.repeat(11))).toBe('too_short');
    expect(checkPasswordPolicy('🔒'.repeat(12))).toBeNull();
  });

  it('has no composition rules: lower-case words and spaces are fine', () => {
    expect(checkPasswordPolicy('pferd batterie heftklammer')).toBeNull();
    expect(checkPasswordPolicy('öffnungszeiten am kanal')).toBeNull();
  });

  it('refuses common passwords from the shipped list, whatever their case', () => {
    expect(isCommonPassword('qwertyuiopasdfgh')).toBe(false);
    expect(checkPasswordPolicy('1qaz2wsx3edc')).toBe('common');
    expect(checkPasswordPolicy('QAZWSXEDCRFV')).toBe('common');
    expect(checkPasswordPolicy('administrator')).toBe('common');
    expect(checkPasswordPolicy('Passwort1234')).toBe('common');
  });

  it('refuses the published demo password, so it can never be set in production', () => {
    expect(checkPasswordPolicy('Demo-Passwort-2026')).toBe('common');
  });

  it('refuses a password that is the e-mail address', () => {
    expect(checkPasswordPolicy('anna.schmidt@luenen.de', { email: 'Anna.Schmidt@luenen.de' })).toBe('contains_email');
    expect(checkPasswordPolicy('anna.schmidt', { email: 'anna.schmidt@luenen.de' })).toBe('contains_email');
  });
});

describe('password hashing', () => {
  it('hashes with argon2id at OWASP parameters and verifies the round trip', async () => {
    const hash = await hashPassword('Laterne am Kanal 12');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain('Laterne');
    expect(await verifyPassword(hash, 'Laterne am Kanal 12')).toBe(true);
    expect(await verifyPassword(hash, 'Laterne am Kanal 13')).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('gleiches passwort'), hashPassword('gleiches passwort')]);
    expect(a).not.toBe(b);
  });

  it('treats the two Unicode forms of one password as the same password', async () => {
    const composed = 'Grüße aus Lünen'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });

  it('answers false, without throwing, for an unreadable hash or an over-long password', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever whatever')).toBe(false);
    const hash = await hashPassword('a'.repeat(128));
    expect(await verifyPassword(hash, 'a'.repeat(129))).toBe(false);
    expect(await verifyAgainstDummy('whatever whatever')).toBe(false);
  });

  it('asks for a new hash when the stored one is weaker than today’s settings', () => {
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
    expect(needsRehash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
    expect(needsRehash('$2b$10$abcdefghijklmnopqrstuu')).toBe(true);
  });
});
