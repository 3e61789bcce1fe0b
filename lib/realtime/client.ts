import type { EventFrame } from '../events/catalogue';

// Browser side of the realtime protocol: keeps the last seq it saw, reconnects with backoff and
// resumes "since" that seq, so a dropped Wi-Fi or a restarted node loses nothing and repeats nothing.

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'resynced';

export interface RealtimeClientOptions {
  url?: string;
  onEvent: (frame: EventFrame) => void;
  onState?: (state: ConnectionState) => void;
  /** Called after every (re)connect once replay is complete. */
  onResynced?: () => void;
  /** The server closed the socket because the session ended (4401). */
  onSessionEnded?: () => void;
  /** Silence (no frame at all) after which the socket is considered dead. */
  watchdogMs?: number;
}

export class RealtimeClient {
  private ws: WebSocket | null = null;
  private lastSeq: number | null = null;
  private attempts = 0;
  private stopped = false;
  private everLive = false;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  state: ConnectionState = 'connecting';

  constructor(private readonly opts: RealtimeClientOptions) {}

  /** Starts streaming after `since` (the seq the page's initial data was read at, or null for now). */
  start(since: number | null): void {
    this.lastSeq = since;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.watchdog);
    clearTimeout(this.retry);
    this.ws?.close(1000, 'page closed');
  }

  send(message: Record<string, unknown>): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  get seq(): number | null {
    return this.lastSeq;
  }

  private setState(s: ConnectionState) {
    this.state = s;
    this.opts.onState?.(s);
  }

  private connect() {
    if (this.stopped) return;
    const url = this.opts.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    const ws = new WebSocket(url);
    this.ws = ws;
    this.setState(this.everLive ? 'reconnecting' : 'connecting');
    ws.onopen = () => {
      this.attempts = 0;
      this.kick();
      ws.send(JSON.stringify({ type: 'subscribe', since: this.lastSeq }));
    };
    ws.onmessage = (msg) => {
      this.kick();
      let frame: { type?: string; seq?: number; since?: number } & Record<string, unknown>;
      try {
        frame = JSON.parse(String(msg.data));
      } catch {
        return;
      }
      if (typeof frame.seq === 'number' && typeof frame.type === 'string' && frame.type.includes('.')) {
        // Never apply an event twice, whatever the network did.
        if (this.lastSeq !== null && frame.seq <= this.lastSeq) return;
        this.lastSeq = frame.seq;
        this.opts.onEvent(frame as unknown as EventFrame);
        return;
      }
      if (frame.type === 'subscribed' && this.lastSeq === null && typeof frame.since === 'number') {
        this.lastSeq = frame.since;
      }
      if (frame.type === 'replayed') {
        this.setState(this.everLive ? 'resynced' : 'live');
        this.everLive = true;
        this.opts.onResynced?.();
        if (this.state === 'resynced')
          setTimeout(() => this.state === 'resynced' && this.setState('live'), 3000);
      }
    };
    ws.onclose = (ev) => {
      clearTimeout(this.watchdog);
      if (this.stopped || this.ws !== ws) return;
      if (ev.code === 4401) {
        // Signed out (here, in another tab, or by expiry): no point reconnecting.
        this.setState('reconnecting');
        this.opts.onSessionEnded?.();
        return;
      }
      this.setState('reconnecting');
      const delay = Math.min(5000, 300 * 2 ** this.attempts++) * (0.75 + Math.random() * 0.5);
      this.retry = setTimeout(() => this.connect(), delay);
    };
    ws.onerror = () => ws.close();
  }

  private kick() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.ws?.close(4000, 'silent'), this.opts.watchdogMs ?? 40_000);
  }
}
