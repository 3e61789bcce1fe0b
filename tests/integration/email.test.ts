import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import type pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { rawClient } from '../helpers/db';
import { freePort, type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

// 112 e-mail with real SMTP conversations: nodemailer delivers to the app's listener; the app's
// replies go through its relay to a local smtp-server sink that parses what arrives.

const INBOX = '112@reco-test.si';
// Message-IDs and subjects unique per run, so the suite can run again on the same database.
const RUN = Date.now().toString(36);
let server: RunningServer;
let smtpPort: number;
let raw: pg.Client;
let calltaker: Session;
let dispatcher: Session;
const sink: { mail: ParsedMail[]; server: SMTPServer; port: number; down: boolean } = {
  mail: [],
  server: new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(_a, _s, cb) {
      if (sink.down) return cb(Object.assign(new Error('relay refuses'), { responseCode: 554 }));
      cb();
    },
    onData(stream, _session, cb) {
      simpleParser(stream).then(
        (m) => {
          sink.mail.push(m);
          cb();
        },
        (err) => cb(err),
      );
    },
  }),
  port: 0,
  down: false,
};

const client = () =>
  createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5000,
  });

// Each test its own sender, so the per-sender rate limit is only met where it is the subject.
let senders = 0;
async function send(opts: Record<string, unknown>) {
  return client().sendMail({ from: `sender-${++senders}@example.si`, to: INBOX, ...opts });
}

beforeAll(async () => {
  await new Promise<void>((r) => sink.server.listen(0, '127.0.0.1', r));
  sink.port = (sink.server.server.address() as AddressInfo).port;
  smtpPort = await freePort();
  server = await startServer({
    env: {
      SMTP_PORT: String(smtpPort),
      MAIL_ADDRESSES: `${INBOX}, pomoc@reco-test.si`,
      MAIL_RELAY_URL: `smtp://127.0.0.1:${sink.port}`,
      MAIL_MAX_BYTES: '200000',
      MAIL_SENDER_LIMIT: '5',
    },
  });
  raw = await rawClient();
  [calltaker, dispatcher] = await Promise.all([
    login(server.url, 'calltaker'),
    login(server.url, 'dispatcher'),
  ]);
});

afterAll(async () => {
  await raw.end();
  await server.kill();
  await new Promise<void>((r) => sink.server.close(() => r()));
});

const countMessages = async () => Number((await raw.query('select count(*) as n from messages')).rows[0].n);

describe('112 e-mail intake', () => {
  it('stores the message before answering 250; the inbox and the socket have it at once', async () => {
    const socket = await TestSocket.open(server.url, { cookie: calltaker.cookie });
    await socket.subscribe(null);
    const info = await send({
      from: 'janez.novak@example.si',
      subject: `Gori v kleti ${RUN}`,
      text: 'V kleti bloka na Celovški 100 se kadi. Ne morem govoriti.',
      messageId: `<first-1-${RUN}@example.si>`,
    });
    expect(info.response).toMatch(/^250/);
    // Committed before the 250: the very next read sees it.
    const inbox = await calltaker.get('/api/messages');
    expect(inbox.status).toBe(200);
    const c = inbox.body.find(
      (x: { last?: { subject: string } }) => x.last?.subject === `Gori v kleti ${RUN}`,
    );
    expect(c).toMatchObject({ channel: 'email', counterpart: 'janez.novak@example.si', status: 'new' });
    expect(c.last.text).toContain('Celovški 100');
    const ev = await socket.event('message.received', (f) => f.data.conversation.id === c.id);
    expect(ev.data.message.from).toBe('janez.novak@example.si');
    await socket.close();
  });

  it('keeps HTML only as sanitised markup and attachments only as name, type and size', async () => {
    await send({
      subject: 'html',
      html: '<p onclick="steal()">Pomoč <b>nujno</b><script>alert(1)</script><img src="http://tracker.example/p.gif"><a href="javascript:evil()">x</a></p>',
      attachments: [
        { filename: 'fotografija.jpg', content: Buffer.alloc(2048, 1), contentType: 'image/jpeg' },
        { filename: 'evil.exe', content: Buffer.from('MZ...'), contentType: 'application/x-msdownload' },
      ],
      messageId: `<html-1-${RUN}@example.si>`,
    });
    const row = (
      await raw.query('select * from messages where external_id = $1', [`<html-1-${RUN}@example.si>`])
    ).rows[0];
    expect(row.html).toContain('<b>nujno</b>');
    expect(row.html).not.toMatch(/script|onclick|<img|javascript:|tracker/);
    expect(row.text).toContain('Pomoč');
    expect(row.attachments).toEqual([
      { name: 'fotografija.jpg', type: 'image/jpeg', size: 2048 },
      { name: 'evil.exe', type: 'application/x-msdownload', size: 5 },
    ]);
  });

  it('stores a message delivered twice (same Message-ID) once', async () => {
    const before = await countMessages();
    for (let i = 0; i < 2; i++)
      expect(
        (await send({ subject: 'dvakrat', text: 'x', messageId: `<twice-${RUN}@example.si>` })).response,
      ).toMatch(/^250/);
    expect(await countMessages()).toBe(before + 1);
  });

  it('refuses other recipients (550) and oversize messages (552), storing nothing', async () => {
    const before = await countMessages();
    await expect(send({ to: 'someone@reco-test.si', text: 'x' })).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(send({ text: 'x'.repeat(300_000) })).rejects.toMatchObject({ responseCode: 552 });
    expect(await countMessages()).toBe(before);
  });

  it('makes a flooding sender wait (450) without affecting others', async () => {
    const from = 'flood@example.net';
    let refused = 0;
    for (let i = 0; i < 7; i++) await send({ from, text: `flood ${i}` }).catch(() => refused++);
    expect(refused).toBe(2);
    await expect(send({ from, text: 'again' })).rejects.toMatchObject({ responseCode: 450 });
    expect((await send({ from: 'other@example.net', text: 'ok' })).response).toMatch(/^250/);
  });

  it('stores malformed MIME as text and keeps listening', async () => {
    const broken = [
      'From: broken@example.si',
      `To: ${INBOX}`,
      'Subject: =?utf-8?B?!!!not-base64?=',
      `Message-ID: <broken-1-${RUN}@example.si>`,
      'Content-Type: multipart/mixed; boundary="never-closed"',
      '',
      '--never-closed',
      'Content-Type: text/plain; charset=x-unknown-charset',
      'Content-Transfer-Encoding: base64',
      '',
      '%%%% not base64 at all \u0000 \u00ff',
      '--wrong-boundary',
    ].join('\r\n');
    const info = await client().sendMail({
      envelope: { from: 'broken@example.si', to: [INBOX] },
      raw: broken,
    });
    expect(info.response).toMatch(/^250/);
    const row = (
      await raw.query('select * from messages where external_id = $1', [`<broken-1-${RUN}@example.si>`])
    ).rows[0];
    expect(row).toBeDefined();
    expect(row.from_addr).toBe('broken@example.si');
    expect(
      (await send({ text: 'still here', messageId: `<after-broken-${RUN}@example.si>` })).response,
    ).toMatch(/^250/);
  });
});

describe('answering and handling a conversation', () => {
  it('claims, replies threaded through the relay, and a reply to the reply joins the conversation', async () => {
    await send({
      from: 'ana@example.si',
      subject: `Sosed ne odpira ${RUN}`,
      text: 'Starejši sosed ne odpira vrat že dva dni.',
      messageId: `<thread-1-${RUN}@example.si>`,
    });
    const list = (await calltaker.get('/api/messages')).body;
    const c = list.find((x: { subject: string }) => x.subject === `Sosed ne odpira ${RUN}`);
    const claimed = await calltaker.send('POST', `/api/messages/${c.id}/claim`, {});
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'claimed', claimedByName: 'Ana Kovač' });
    // Someone else's claim is not taken silently.
    const other = await dispatcher.send('POST', `/api/messages/${c.id}/claim`, {});
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain('Ana Kovač');

    const reply = await calltaker.send(
      'POST',
      `/api/messages/${c.id}/reply`,
      { text: 'Pošiljamo patruljo in reševalce. Ste v bližini?' },
      { 'idempotency-key': `reply-${c.id}` },
    );
    expect(reply.status).toBe(201);
    expect(reply.body.conversation.status).toBe('answered');
    await expect.poll(() => sink.mail.length).toBeGreaterThan(0);
    const out = sink.mail.find((m) => m.subject === `Re: Sosed ne odpira ${RUN}`) as ParsedMail;
    expect(out.inReplyTo).toBe(`<thread-1-${RUN}@example.si>`);
    expect(out.references).toContain(`<thread-1-${RUN}@example.si>`);
    expect(out.to && !Array.isArray(out.to) ? out.to.value[0]?.address : '').toBe('ana@example.si');
    // The same key again: the stored answer, not a second e-mail.
    const again = await calltaker.send(
      'POST',
      `/api/messages/${c.id}/reply`,
      { text: 'Pošiljamo patruljo in reševalce. Ste v bližini?' },
      { 'idempotency-key': `reply-${c.id}` },
    );
    expect(again.status).toBe(201);
    expect(sink.mail.filter((m) => m.subject === `Re: Sosed ne odpira ${RUN}`)).toHaveLength(1);

    // Ana answers our reply: same conversation, back to "new" for attention.
    await send({
      from: 'ana@example.si',
      subject: `Re: Re: Sosed ne odpira ${RUN}`,
      text: 'Da, čakam pred vrati.',
      inReplyTo: out.messageId,
      references: [out.messageId as string],
      messageId: `<thread-2-${RUN}@example.si>`,
    });
    const conv = (await calltaker.get(`/api/messages/${c.id}`)).body;
    expect(conv.messages.map((m: { direction: string }) => m.direction)).toEqual(['in', 'out', 'in']);
    expect(conv.status).toBe('new');
  });

  it('links a conversation to an incident: the transcript becomes an incident note', async () => {
    await send({
      from: 'marko@example.si',
      subject: `Nesreča ${RUN}`,
      text: 'Avto v jarku pri Vrhniki.',
      messageId: `<link-1-${RUN}@example.si>`,
    });
    const c = (await calltaker.get('/api/messages')).body.find(
      (x: { subject: string }) => x.subject === `Nesreča ${RUN}`,
    );
    const inc = await calltaker.send('POST', '/api/incidents', { ...FIRE_IN_LJUBLJANA, channel: 'email' });
    const linked = await calltaker.send('POST', `/api/messages/${c.id}/incident`, {
      incidentId: inc.body.id,
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ status: 'incident', incidentId: inc.body.id });
    const detail = (await calltaker.get(`/api/incidents/${inc.body.id}`)).body;
    expect(detail.notes.map((n: { text: string }) => n.text).join('\n')).toContain(
      'Avto v jarku pri Vrhniki.',
    );
    // What follows in the thread lands in the incident's notes too.
    await send({
      from: 'marko@example.si',
      subject: `Re: Nesreča ${RUN}`,
      text: 'Voznik je zunaj, krvavi iz nosu.',
      inReplyTo: `<link-1-${RUN}@example.si>`,
      messageId: `<link-2-${RUN}@example.si>`,
    });
    const after = (await calltaker.get(`/api/incidents/${inc.body.id}`)).body;
    expect(after.notes.map((n: { text: string }) => n.text).join('\n')).toContain('krvavi iz nosu');
    const bad = await calltaker.send('POST', `/api/messages/${c.id}/incident`, { incidentId: 99_999_999 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('body.incidentId');
  });

  it('a relay that refuses leaves nothing stored and says so (502)', async () => {
    await send({
      from: 'eva@example.si',
      subject: `Relay down ${RUN}`,
      text: 'x',
      messageId: `<relay-1-${RUN}@example.si>`,
    });
    const c = (await calltaker.get('/api/messages')).body.find(
      (x: { subject: string }) => x.subject === `Relay down ${RUN}`,
    );
    sink.down = true;
    try {
      const before = await countMessages();
      const res = await calltaker.send('POST', `/api/messages/${c.id}/reply`, { text: 'odgovor' });
      expect(res.status).toBe(502);
      expect(res.body.error.message).toMatch(/relay/);
      expect(await countMessages()).toBe(before);
    } finally {
      sink.down = false;
    }
  });

  it('stations cannot read the inbox', async () => {
    const station = await login(server.url, 'station');
    expect((await station.get('/api/messages')).status).toBe(403);
  });
});
