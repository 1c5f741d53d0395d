/**
 * SMTP_REQUIRE_TLS (README, "Configuration"): with a login, the password and the residents' e-mail
 * go out only over TLS, also when the server's offer of STARTTLS was taken out on the way; a relay
 * without a login (inside the city's network) keeps working without TLS.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { senderFromEnv, smtpConfigFromEnv } from '@/lib/email/smtp';
import { startSmtpServer, type Inbox } from '../helpers/smtp';

const saved = { ...process.env };
const message = { to: 'anwohnerin@example.org', subject: 'Ihre Meldung', text: 'Danke.' };
let inbox: Inbox;

function withSmtp(values: Record<string, string>) {
  process.env = { ...saved, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(inbox.port), SMTP_FROM: 'portal@stadt.example', ...values };
  resetEnvCache();
}

async function send(values: Record<string, string>) {
  withSmtp(values);
  const sender = senderFromEnv()!;
  try {
    await sender.send(message);
  } finally {
    sender.close();
  }
}

beforeAll(async () => {
  inbox = await startSmtpServer({ login: true });
});
afterAll(async () => {
  await new Promise<void>((resolve) => inbox.server.close(() => resolve()));
});
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
  inbox.received.length = 0;
  inbox.logins.length = 0;
});

describe('SMTP and TLS', () => {
  it('require TLS by default with a login on a connection that starts in plain text', async () => {
    await expect(send({ SMTP_USER: 'portal', SMTP_PASSWORD: 'geheim' })).rejects.toThrow(/STARTTLS/);
    expect(inbox.logins).toEqual([]);
    expect(inbox.received).toEqual([]);
  });

  it('go without TLS to a relay without a login, or where the city switched it off', async () => {
    await send({});
    expect(inbox.received).toHaveLength(1);
    await send({ SMTP_USER: 'portal', SMTP_PASSWORD: 'geheim', SMTP_REQUIRE_TLS: 'false' });
    expect(inbox.logins).toEqual(['portal']);
    expect(inbox.received).toHaveLength(2);
  });

  it('can be required without a login too; TLS from the first byte needs no STARTTLS', async () => {
    await expect(send({ SMTP_REQUIRE_TLS: 'true' })).rejects.toThrow(/STARTTLS/);
    expect(inbox.received).toEqual([]);
    withSmtp({ SMTP_USER: 'portal', SMTP_SECURE: 'true' });
    expect(smtpConfigFromEnv()).toMatchObject({ secure: true, requireTLS: false });
    withSmtp({ SMTP_USER: 'portal', SMTP_REQUIRE_TLS: '0' });
    expect(smtpConfigFromEnv()).toMatchObject({ secure: false, requireTLS: false });
  });
});
