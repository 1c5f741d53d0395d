import nodemailer from 'nodemailer';
import { env } from '@/lib/env';
import type { OutgoingMessage, Sender } from './outbox';

export type SmtpConfig = {
  host: string;
  port: number;
  /** TLS from the first byte (usually port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /**
   * Without `secure`: STARTTLS or nothing is sent, also when the server does not offer it (someone
   * between us and the server may have taken the offer out to read the password and the messages).
   */
  requireTLS?: boolean;
  user?: string;
  password?: string;
  /** The From header, e.g. `"Sicherheitsportal Lünen" <sicherheit@luenen.de>`. */
  from: string;
};

const flag = (value: string | undefined) => (value === undefined ? undefined : value === 'true' || value === '1');

/**
 * SMTP settings from the environment (README, "Configuration"), or null when SMTP_HOST is unset.
 * TLS is required by default wherever a password is sent over a connection that starts in plain
 * text; a relay inside the city's network without a login keeps working without TLS.
 */
export function smtpConfigFromEnv(): SmtpConfig | null {
  const e = env();
  if (!e.SMTP_HOST) return null;
  // lib/env.ts refuses SMTP_HOST without SMTP_FROM already; this only tells the compiler.
  if (!e.SMTP_FROM) throw new Error('SMTP_FROM must be set when SMTP_HOST is: it is the sender of every message.');
  const secure = flag(e.SMTP_SECURE) ?? false;
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    requireTLS: flag(e.SMTP_REQUIRE_TLS) ?? (e.SMTP_USER !== undefined && !secure),
    user: e.SMTP_USER,
    password: e.SMTP_PASSWORD,
    from: e.SMTP_FROM,
  };
}

/**
 * A sender that delivers by SMTP with nodemailer. Timeouts are short (nodemailer waits minutes by
 * default) so one unreachable server does not hold a batch for long; the outbox retries later.
 */
export function createSmtpSender(config: SmtpConfig): Sender & { close: () => void } {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTLS ?? false,
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message: OutgoingMessage) {
      await transport.sendMail({
        from: config.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        // RFC 3834: an automatic message, so auto-responders do not answer it. Messages to
        // followers add List-Unsubscribe and List-Unsubscribe-Post (RFC 8058).
        headers: { ...message.headers, 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transport.close(),
  };
}

/** The configured SMTP sender, or null: then messages wait in the outbox. */
export function senderFromEnv(): (Sender & { close: () => void }) | null {
  const config = smtpConfigFromEnv();
  return config ? createSmtpSender(config) : null;
}
