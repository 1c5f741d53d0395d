import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Inbox = { server: SMTPServer; port: number; received: ParsedMail[]; refuseNext: number };

/** A local SMTP server without TLS or authentication that keeps what it receives. */
export async function startSmtpServer(): Promise<Inbox> {
  const inbox = { received: [] as ParsedMail[], refuseNext: 0 } as Inbox;
  inbox.server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
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
