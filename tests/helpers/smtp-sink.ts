import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { TestApp } from './strapi';

export interface SmtpSink {
  /** every message the server accepted, parsed, in order */
  mails: ParsedMail[];
  /** while true, the provider throws as an unreachable server would */
  failing: boolean;
  stop(): Promise<void>;
}

/**
 * A real local SMTP server (smtp-server) catching what Strapi's email plugin
 * sends, each message parsed by mailparser. The plugin's service runs as in
 * an app; its provider hands the message to nodemailer (the SMTP client
 * smtp-server itself depends on), so what arrives went through SMTP.
 */
export async function startSmtpSink(app: TestApp, from = 'reports@example.com'): Promise<SmtpSink> {
  const nodemailer = createRequire(require.resolve('smtp-server'))('nodemailer') as typeof import('nodemailer');
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  const sink: SmtpSink = {
    mails,
    failing: false,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  (app.strapi.plugin('email') as unknown as { provider: object }).provider = {
    send: (options: Record<string, unknown>) => {
      if (sink.failing) throw new Error('SMTP server unreachable');
      return transport.sendMail({ from, ...options });
    },
  };
  return sink;
}
