import nodemailer from 'nodemailer';
import { env } from '@/lib/env';
import type { OutgoingMessage, Sender } from './outbox';

export type SmtpConfig = {
  host: string;
  port: number;
  /** TLS from the first byte (usually port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** The From header, e.g. `"Sicherheitsportal Lünen" <sicherheit@luenen.de>`. */
  from: string;
};

/** SMTP settings from the environment (README, "Configuration"), or null when SMTP_HOST is unset. */
export function smtpConfigFromEnv(): SmtpConfig | null {
  const e = env();
  if (!e.SMTP_HOST) return null;
  // lib/env.ts refuses SMTP_HOST without SMTP_FROM already; this only tells the compiler.
  if (!e.SMTP_FROM) throw new Error('SMTP_FROM must be set when SMTP_HOST is: it is the sender of every message.');
  const secure = e.SMTP_SECURE === 'true' || e.SMTP_SECURE === '1';
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
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
