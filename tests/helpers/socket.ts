import WebSocket from 'ws';
import type { EventFrame, EventType } from '../../lib/events/catalogue';
import type { ServerFrame } from '../../lib/realtime/event-types';

// A socket client for tests that records every frame and can wait for what a user would wait for.

/** What the server sends: the catalogue's events (typed by type) and the protocol's own frames. */
export type Frame = ServerFrame;

export function isEvent(f: Frame): f is EventFrame {
  return 'seq' in f && 'data' in f && f.type.includes('.');
}

export class TestSocket {
  readonly frames: Frame[] = [];
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString()) as Frame;
      this.frames.push(f);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(f)) return true;
        w.resolve(f);
        return false;
      });
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  static open(url: string, headers: Record<string, string>): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, { headers });
      const s = new TestSocket(ws);
      ws.once('open', () => resolve(s));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** The events received so far (typed by the catalogue), without the protocol's own frames. */
  events(): EventFrame[] {
    return this.frames.filter(isEvent);
  }

  /** The first event of a type (matching `pred`), received already or awaited. */
  event<T extends EventType>(
    type: T,
    pred: (f: EventFrame<T>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<EventFrame<T>> {
    const is = (f: Frame) => isEvent(f) && f.type === type;
    return this.waitFor((f) => is(f) && pred(f as EventFrame<T>), timeoutMs) as Promise<EventFrame<T>>;
  }

  /** Waits until the event with this seq has arrived. */
  async eventAt(seq: number, timeoutMs = 10_000): Promise<EventFrame> {
    return (await this.waitFor((f) => isEvent(f) && f.seq === seq, timeoutMs)) as EventFrame;
  }

  waitFor(pred: (f: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    const found = this.frames.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out; frames: ${JSON.stringify(this.frames.slice(-5))}`)),
        timeoutMs,
      );
      this.waiters.push({
        pred,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  async subscribe(since: number | null): Promise<number> {
    const before = this.frames.length;
    this.send({ type: 'subscribe', since });
    const f = await this.waitFor((x) => x.type === 'replayed' && this.frames.indexOf(x) >= before);
    return f.type === 'replayed' ? f.seq : 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
