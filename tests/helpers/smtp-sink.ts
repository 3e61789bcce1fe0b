import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server playing the centre's mail relay: it takes every message and keeps it parsed.
export async function startSmtpSink(port: number) {
  const received: ParsedMail[] = [];
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      simpleParser(stream).then((m) => {
        received.push(m);
        cb();
      }, cb);
    },
  });
  await new Promise<void>((r) => sink.listen(port, '127.0.0.1', r));
  return {
    received,
    port: (sink.server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => sink.close(() => r())),
  };
}
