import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server';

// The telephony in the tests is real: Kamailio (deploy/kamailio/cad112.cfg, started by its own run.sh)
// as the centre's SIP edge, and SIPp (tests/sipp/*.xml) as the callers and the positions' phones, all
// on loopback.

export const TELEPHONY_TOKEN = 'test-telephony-token-0123456789';

export interface Edge {
  sipPort: number;
  controlUrl: string;
  output(): string;
  stop(): Promise<void>;
  proc: ChildProcess;
}

const dir = mkdtempSync(join(tmpdir(), 'cad112-sip-'));

/** Every Kamailio and SIPp this process started: killed when it exits, so a failed test leaves none. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of running) p.kill('SIGTERM');
});

async function freeUdpPort(): Promise<number> {
  // A TCP port found free is used for UDP and TCP both; check the UDP side too.
  for (;;) {
    const port = await freePort();
    const ok = await new Promise<boolean>((resolve) => {
      const s = createSocket('udp4');
      s.once('error', () => resolve(false));
      s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return port;
  }
}

export async function startEdge(opts: {
  cadUrl: string;
  ringMs?: number;
  overflowUri?: string;
  /** A fixed control port (the browser tests' server is told it in advance). */
  controlPort?: number;
}): Promise<Edge> {
  const sipPort = await freeUdpPort();
  const controlPort = opts.controlPort ?? (await freePort());
  const runDir = mkdtempSync(join(dir, 'kamailio-'));
  let out = '';
  const proc = spawn('bash', ['deploy/kamailio/run.sh'], {
    env: {
      ...process.env,
      SIP_LISTEN: `127.0.0.1:${sipPort}`,
      CONTROL_LISTEN: `127.0.0.1:${controlPort}`,
      CAD_EVENTS_URL: `${opts.cadUrl}/api/telephony/events`,
      CAD_TOKEN: TELEPHONY_TOKEN,
      CAD_ADDRESS: '127.0.0.1',
      RING_MS: String(opts.ringMs ?? 30000),
      RUN_DIR: runDir,
      ...(opts.overflowUri ? { OVERFLOW_URI: opts.overflowUri } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  proc.stdout?.on('data', (d) => {
    out += d;
  });
  proc.stderr?.on('data', (d) => {
    out += d;
  });
  const deadline = Date.now() + 20_000;
  while (!(await sipAnswers(sipPort))) {
    if (proc.exitCode !== null) throw new Error(`kamailio exited ${proc.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`kamailio did not answer:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    sipPort,
    controlUrl: `http://127.0.0.1:${controlPort}`,
    output: () => out,
    proc,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** A SIP OPTIONS ping: the edge answers 200 once it runs. */
async function sipAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    const done = (v: boolean) => {
      clearTimeout(timer);
      s.close();
      resolve(v);
    };
    const timer = setTimeout(() => done(false), 500);
    s.on('message', (m) => done(m.toString().startsWith('SIP/2.0 200')));
    s.on('error', () => done(false));
    s.bind(0, '127.0.0.1', () => {
      const local = s.address().port;
      const msg =
        `OPTIONS sip:127.0.0.1:${port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK-ping${Date.now()}\r\n` +
        `From: <sip:ping@127.0.0.1>;tag=p\r\nTo: <sip:127.0.0.1>\r\nCall-ID: ping-${Date.now()}@t\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 5\r\nContent-Length: 0\r\n\r\n`;
      s.send(msg, port, '127.0.0.1');
    });
  });
}

function scenario(name: string, vars: Record<string, string>): string {
  let xml = readFileSync(`tests/sipp/${name}.xml`, 'utf8');
  for (const [k, v] of Object.entries(vars)) xml = xml.split(`{{${k}}}`).join(v);
  const file = join(dir, `${name}-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  return file;
}

interface SippRun {
  proc: ChildProcess;
  done: Promise<number>;
  output(): string;
  stop(): void;
}

/** SIPp with its arguments; a run with `-timeout Ns` is also stopped by us N+10 s later, whatever SIPp does. */
function sipp(args: string[]): SippRun {
  let out = '';
  const proc = spawn(
    'sipp',
    [...args, '-nostdin', '-trace_err', '-error_file', join(dir, `err-${Date.now()}.log`)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  proc.stdout?.on('data', (d) => {
    out += d;
  });
  proc.stderr?.on('data', (d) => {
    out += d;
  });
  running.add(proc);
  const limit = /^(\d+)s$/.exec(args[args.indexOf('-timeout') + 1] ?? '')?.[1];
  const deadline = limit ? setTimeout(() => proc.kill('SIGTERM'), (Number(limit) + 10) * 1000) : null;
  const done = new Promise<number>((resolve) =>
    proc.once('exit', (code) => {
      running.delete(proc);
      if (deadline) clearTimeout(deadline);
      resolve(code ?? -1);
    }),
  );
  return { proc, done, output: () => out, stop: () => proc.kill('SIGKILL') };
}

export interface Phone {
  position: string;
  port: number;
  stop(): void;
  register(expires?: number): Promise<void>;
}

/** A position's phone (a SIPp UAS) registered at the edge; it answers calls addressed to it. */
export async function startPhone(edge: Edge, position: string, answerMs = 300): Promise<Phone> {
  const port = await freeUdpPort();
  const run = sipp([
    '-sf',
    scenario('position', { POS: position, ANSWER_MS: String(answerMs) }),
    '-i',
    '127.0.0.1',
    '-p',
    String(port),
  ]);
  const register = async (expires = 600) => {
    const regPort = await freeUdpPort();
    const r = sipp([
      `127.0.0.1:${edge.sipPort}`,
      '-sf',
      scenario('register', {
        POS: position,
        PHONE_PORT: String(port),
        DOMAIN: 'reco.local',
        EXPIRES: String(expires),
      }),
      '-i',
      '127.0.0.1',
      '-p',
      String(regPort),
      '-m',
      '1',
      '-timeout',
      '10s',
    ]);
    const code = await r.done;
    if (code !== 0) throw new Error(`REGISTER ${position} failed (${code}):\n${r.output()}`);
  };
  await register();
  return { position, port, stop: run.stop, register };
}

export interface CallOptions {
  from: string;
  /** Extra headers, each ending in \n. */
  headers?: string;
  contentType?: string;
  body?: string;
  /** The position that answers (the phones answer only calls that name them). */
  answerBy?: string;
  talkMs?: number;
  /** Hang up unanswered after this long (an abandoned call). */
  abandonMs?: number;
  ruri?: string;
}

/** A caller from the network (a SIPp UAC): resolves with SIPp's exit code when the call is over. */
export function placeCall(edge: Edge, o: CallOptions): SippRun {
  return placeCalls(edge, o, { count: 1 });
}

/**
 * Many callers at a rate (SIPp -r/-m); `[call_number]` in `from` and `headers` makes each call's number
 * its own.
 */
export function placeCalls(edge: Edge, o: CallOptions, load: { count: number; perSecond?: number }): SippRun {
  const port = 20000 + Math.floor(Math.random() * 20000);
  return sipp([
    `127.0.0.1:${edge.sipPort}`,
    '-sf',
    scenario('caller', {
      RURI: o.ruri ?? 'urn:service:sos',
      FROM: o.from,
      HEADERS: `${o.headers ?? ''}${o.answerBy ? `X-Test-Answer-By: ${o.answerBy}\n` : ''}`,
      CONTENT_TYPE: o.contentType ?? 'application/sdp',
      BODY:
        o.body ??
        'v=0\no=caller 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 6000 RTP/AVP 8\n',
      TALK_MS: String(o.talkMs ?? 1000),
      ABANDON_MS: String(o.abandonMs ?? 120_000),
    }),
    '-i',
    '127.0.0.1',
    '-p',
    String(port),
    '-m',
    String(load.count),
    ...(load.perSecond ? ['-r', String(load.perSecond), '-l', String(load.count)] : []),
    '-timeout',
    `${60 + Math.ceil(load.count / (load.perSecond ?? 1))}s`,
  ]);
}

/** An NG112 body: SDP and a PIDF-LO the Geolocation header names (RFC 6442). */
export function withLocation(pidf: string, cid = 'loc@esinet.test') {
  return {
    headers: `Geolocation: <cid:${cid}>\nGeolocation-Routing: yes\n`,
    contentType: 'multipart/mixed; boundary=boundary1',
    body:
      '--boundary1\nContent-Type: application/sdp\n\nv=0\no=caller 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 6000 RTP/AVP 8\n' +
      `--boundary1\nContent-Type: application/pidf+xml\nContent-ID: <${cid}>\n\n${pidf.trim()}\n--boundary1--\n`,
  };
}
