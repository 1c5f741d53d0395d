import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Inbox = { server: SMTPServer; port: number; received: ParsedMail[]; refuseNext: number; logins: string[] };

/**
 * A local SMTP server without TLS that keeps what it receives. Without authentication, or with
 * `login`: it offers AUTH over the plain connection, as a server whose STARTTLS someone on the way
 * took out of its greeting looks to the client, and keeps each user name it was sent a password for.
 */
export async function startSmtpServer(options: { login?: boolean } = {}): Promise<Inbox> {
  const inbox = { received: [] as ParsedMail[], refuseNext: 0, logins: [] as string[] } as Inbox;
  inbox.server = new SMTPServer({
    authOptional: true,
    disabledCommands: options.login ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: options.login,
    onAuth(auth, _session, callback) {
      inbox.logins.push(auth.username ?? '');
      callback(null, { user: auth.username });
    },
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        if (inbox.refuseNext > 0) {
          inbox.refuseNext--;
          return callback(Object.assign(new Error('Greylisted, please try again later'), { responseCode: 451 }));
        }
        inbox.received.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => inbox.server.listen(0, '127.0.0.1', resolve));
  inbox.port = (inbox.server.server.address() as AddressInfo).port;
  return inbox;
}
