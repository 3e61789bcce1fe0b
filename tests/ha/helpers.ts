import { createServer } from 'node:net';
import WebSocket from 'ws';

// Helpers of the failover and restore tests (tests/ha): free ports for the cluster, and a socket client
// that behaves like the browser's (lib/realtime/client.ts): it resumes by seq after any close and never
// applies an event twice — except that here a repeat is counted, not silently dropped.

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A base port with `count` free ports after it. */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error(`no ${count} consecutive free ports`);
}

export interface ResumingSocket {
  /** Every event seq in the order it arrived (repeats included). */
  seqs: number[];
  repeats: number;
  reconnects: number;
  lastSeq: number;
  /** Cuts the connection as a network would (no close frame): the client resumes on the next node. */
  drop(): void;
  close(): void;
}

/** Connects to the nodes in turn: after a close, to the next node, resuming after the last seq seen. */
export function resumingSocket(nodes: string[], cookie: string, since: number): ResumingSocket {
  const state: ResumingSocket = { seqs: [], repeats: 0, reconnects: -1, lastSeq: since, drop, close };
  let stopped = false;
  let ws: WebSocket | undefined;
  let turn = 0;
  function connect() {
    if (stopped) return;
    state.reconnects++;
    const base = nodes[turn++ % nodes.length] as string;
    const sock = new WebSocket(`${base.replace(/^http/, 'ws')}/ws`, { headers: { cookie } });
    ws = sock;
    sock.on('open', () => sock.send(JSON.stringify({ type: 'subscribe', since: state.lastSeq })));
    sock.on('message', (raw) => {
      const f = JSON.parse(raw.toString()) as { type: string; seq?: number };
      if (typeof f.seq !== 'number' || !f.type.includes('.')) return;
      state.seqs.push(f.seq);
      if (f.seq <= state.lastSeq) state.repeats++;
      else state.lastSeq = f.seq;
    });
    sock.on('error', () => {});
    sock.on('close', () => {
      if (!stopped) setTimeout(connect, 300);
    });
  }
  function drop() {
    ws?.terminate();
  }
  function close() {
    stopped = true;
    ws?.close();
  }
  connect();
  return state;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
