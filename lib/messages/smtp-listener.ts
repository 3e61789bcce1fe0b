import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Db } from '../../db/client';
import { receiveEmail } from './receive-email';

export interface SmtpListenerOptions {
  host: string;
  port: number;
  addresses: string[];
  maxBytes: number;
  /** Messages per sender address per 10 minutes. */
  senderLimit: number;
  onError: (err: unknown, context: string) => void;
}

type SmtpError = Error & { responseCode?: number };
const smtpError = (code: number, message: string): SmtpError =>
  Object.assign(new Error(message), { responseCode: code });

const WINDOW_MS = 10 * 60_000;

// The centre's inbound 112 e-mail: accepts mail for the configured addresses only, refuses oversize
// messages (552) and senders over their rate (450, "try later"), and answers 250 only after the message
// is committed. If storing fails (database away) the answer is 451, so the sending server retries.
export async function startSmtpListener(db: Db, opts: SmtpListenerOptions) {
  const recent = new Map<string, number[]>();
  const accepted = new Set(opts.addresses.map((a) => a.toLowerCase()));

  const server = new SMTPServer({
    name: 'cad112',
    banner: 'CAD 112 e-mail intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: opts.maxBytes,
    logger: false,
    maxClients: 200,
    socketTimeout: 60_000,
    onMailFrom(address, _session, callback) {
      const sender = address.address.toLowerCase();
      const now = Date.now();
      const list = (recent.get(sender) ?? []).filter((t) => now - t < WINDOW_MS);
      if (list.length >= opts.senderLimit) {
        recent.set(sender, list);
        return callback(smtpError(450, 'too many messages from this sender; try again later'));
      }
      list.push(now);
      recent.set(sender, list);
      if (recent.size > 10_000)
        for (const [k, v] of recent) if (!v.some((t) => now - t < WINDOW_MS)) recent.delete(k);
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (!accepted.has(address.address.toLowerCase()))
        return callback(smtpError(550, 'no such mailbox here'));
      callback();
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= opts.maxBytes) chunks.push(c);
      });
      stream.on('error', (err) => {
        opts.onError(err, 'smtp data stream');
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > opts.maxBytes)
          return callback(smtpError(552, `message exceeds ${opts.maxBytes} bytes`));
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        };
        receiveEmail(db, Buffer.concat(chunks), envelope).then(
          (r) => callback(null, r.duplicate ? 'already stored' : 'stored'),
          (err) => {
            opts.onError(err, 'storing e-mail');
            callback(smtpError(451, 'temporarily unable to store the message; try again'));
          },
        );
      });
    },
  });
  server.on('error', (err) => opts.onError(err, 'smtp listener'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
