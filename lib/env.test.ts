import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProductionSettings, env, resetEnvCache, serverSecret } from './env';

const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function withEnv(values: Record<string, string>) {
  process.env = { ...saved, ...values };
  resetEnvCache();
  return env;
}

describe('the environment', () => {
  it('counts an empty variable as unset: its default applies, and an optional one stays off', () => {
    const read = withEnv({ DATABASE_URL: '', CITY: '', REPORT_RATE_LIMIT_PER_HOUR: '', SMTP_HOST: '' })();
    expect(read.DATABASE_URL).toBeUndefined();
    expect(read.CITY).toBe('luenen');
    expect(read.REPORT_RATE_LIMIT_PER_HOUR).toBe(30);
    expect(read.SMTP_HOST).toBeUndefined();
  });

  it('names every variable it cannot use', () => {
    const read = withEnv({ DATABASE_URL: 'nope', CITY: 'Lünen!' });
    expect(read).toThrow(/^Invalid environment: DATABASE_URL: .*; CITY: /);
    // Another database's address would only fail later, at the first connection, as a host not found.
    expect(withEnv({ DATABASE_URL: 'mysql://db/portal' })).toThrow('Invalid environment: DATABASE_URL: postgres:// or postgresql:// URL');
    expect(withEnv({ DATABASE_URL: 'postgresql://db/portal' })().DATABASE_URL).toBe('postgresql://db/portal');
  });
});

describe('the settings a production server needs', () => {
  it('refuses production without an address Auth.js may use, since no one could sign in', () => {
    const none = { NODE_ENV: 'production', AUTH_URL: '', AUTH_TRUST_HOST: '' };
    expect(() => checkProductionSettings(withEnv(none)())).toThrow(/^AUTH_URL must be set/);
    expect(() => checkProductionSettings(withEnv({ ...none, AUTH_URL: 'https://sicherheit.example.de' })())).not.toThrow();
    expect(() => checkProductionSettings(withEnv({ ...none, AUTH_TRUST_HOST: 'true' })())).not.toThrow();
    expect(() => checkProductionSettings(withEnv({ ...none, NODE_ENV: 'development' })())).not.toThrow();
  });

  it('refuses e-mail without the public address its links need', () => {
    const mail = { NODE_ENV: 'production', AUTH_URL: '', AUTH_TRUST_HOST: 'true', SMTP_HOST: 'mail.stadt.example', SMTP_FROM: 'portal@stadt.example' };
    expect(() => checkProductionSettings(withEnv(mail)())).toThrow(/^AUTH_URL must be set when SMTP_HOST is/);
    expect(() => checkProductionSettings(withEnv({ ...mail, AUTH_URL: 'https://sicherheit.example.de' })())).not.toThrow();
    expect(() => checkProductionSettings(withEnv({ ...mail, SMTP_HOST: '' })())).not.toThrow();
  });

  it('refuses an AUTH_TRUST_HOST that Auth.js would read the other way, and demo data on PostgreSQL', () => {
    expect(withEnv({ AUTH_TRUST_HOST: 'false' })).toThrow('Invalid environment: AUTH_TRUST_HOST: true, or leave it unset');
    expect(withEnv({ SEED_DEMO: '1', DATABASE_URL: 'postgres://db/portal' })).toThrow(
      'Invalid environment: SEED_DEMO: demo data and the demo logins go only into the embedded database',
    );
    expect(withEnv({ SEED_DEMO: '1', DATABASE_URL: '' })().SEED_DEMO).toBe('1');
  });

  it('refuses an SMTP server without a sender, since no message could go out', () => {
    expect(withEnv({ SMTP_HOST: 'mail.stadt.example', SMTP_FROM: '' })).toThrow('Invalid environment: SMTP_FROM: must be set when SMTP_HOST is');
    expect(withEnv({ SMTP_HOST: 'mail.stadt.example', SMTP_FROM: 'portal@stadt.example' })().SMTP_FROM).toBe('portal@stadt.example');
    expect(withEnv({ SMTP_HOST: '', SMTP_FROM: '' })().SMTP_HOST).toBeUndefined();
  });
});

describe('the server secret', () => {
  it('is one of its own per process for a database in memory, written nowhere', () => {
    withEnv({ PGLITE_DIR: 'memory://secret-test', AUTH_SECRET: '' });
    const secret = serverSecret();
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(serverSecret()).toBe(secret);
    expect(existsSync(join(process.cwd(), 'auth-secret'))).toBe(false);
  });
});
