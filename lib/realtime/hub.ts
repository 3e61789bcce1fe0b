import { asc, gt, sql } from 'drizzle-orm';
import type { WebSocket } from 'ws';
import type { DbHandle } from '../../db/client';
import { type EventRow, events } from '../../db/schema';
import type { Principal } from '../auth/principal';
import type { EventFrame } from '../events/catalogue';
import { toFrame } from '../events/read-event';
import { audienceOf, isVisible, readVisibleEvents, type ScopedEvent } from '../events/visibility';
import { EVENTS_CHANNEL } from '../events/write-tx';
import { isOpenIncident } from '../incidents/incident-status';
import { concernOf, incidentScopes, openIncidentScopes } from '../stations/station-scope';
import { PROTOCOL_VERSION, type ServerFrame } from './event-types';

// The realtime hub of one node. It LISTENs for the seq of every commit, reads new rows from the event
// log in order, and pumps each subscribed socket from its own cursor. A socket is never buffered
// beyond one batch: a slow one lags behind (served later from the ring or the table), and one whose
// send buffer still overflows is closed with 1013 and resumes by seq. Memory is bounded by the ring.

const RING_SIZE = 5000;
const BATCH = 200;
const BEAT_SLICE = 250;
const FETCH_GAP_MS = 10;
const CORK_FRAMES = 16;

interface Client {
  ws: WebSocket;
  principal: Principal;
  /** lib/events/visibility.ts audienceOf(principal). */
  audience: string;
  cursor: number | null;
  replayed: boolean;
  pumping: boolean;
  again: boolean;
  alive: boolean;
  closed: boolean;
}

export interface HubOptions {
  maxBufferedBytes: number;
  /** A batch the socket has not taken within this time means a stalled reader: cut it off (1013). */
  stallMs?: number;
  /** Of these credential hashes, the ones still valid (checked every heartbeat). */
  validCredentials?: (hashes: string[]) => Promise<Set<string>>;
  heartbeatMs: number;
  onError?: (err: unknown, context: string) => void;
}

/** An event in the ring, with the stations its incident concerned when it was appended. */
interface RingEvent extends ScopedEvent {
  row: EventRow;
}

// An event goes to every screen that may see it: serialise it once, not once per socket (the ring's
// rows were read into frames already; rows read from the table for a replay are read here).
const serialised = new WeakMap<EventRow, string>();
const framed = new WeakMap<EventRow, EventFrame>();
function frameText(row: EventRow): string {
  let text = serialised.get(row);
  if (text === undefined) {
    text = JSON.stringify(framed.get(row) ?? toFrame(row));
    serialised.set(row, text);
  }
  return text;
}

const NO_STATIONS: ReadonlySet<number> = new Set();

/** A socket that does not keep up is closed (1013) and resumes by seq on its next connection. */
function cutOff(client: Client): void {
  client.closed = true;
  client.ws.close(1013, 'too slow; resume by seq');
  // The close frame cannot pass a full buffer: free the socket if it is still stuck shortly after.
  setTimeout(() => client.ws.terminate(), 2000).unref();
}

/**
 * Index of the first ring entry after a seq (the ring is in seq order): a binary search, since every
 * socket asks on every batch — a scan cost 500 sockets × 5,000 entries per batch under load.
 */
function firstAfterSeq(ring: readonly RingEvent[], seq: number): number {
  let lo = 0;
  let hi = ring.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ring[mid] as RingEvent).row.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class RealtimeHub {
  head = 0;
  private ring: RingEvent[] = [];
  /** Every event with seq > ringFloor is in the ring. */
  private ringFloor = 0;
  private readonly clients = new Set<Client>();
  // Open incident → the stations it concerns (lib/stations/station-scope.ts), for station sockets.
  // Bounded by the open incidents: a closed one is dropped and looked up in the view if it ever
  // has another event. The sets are replaced, never changed, so a ring entry keeps the scope it had.
  private readonly scopes = new Map<number, ReadonlySet<number>>();
  private fetching = false;
  private fetchAgain = false;
  private unlisten?: () => Promise<void>;
  private heartbeat?: NodeJS.Timeout;
  private poll?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly handle: DbHandle,
    private readonly opts: HubOptions,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const db = this.handle.readDb;
    const [row] = await db
      .select({ max: sql<number>`coalesce(max(${events.seq}), 0)`.mapWith(Number) })
      .from(events);
    this.head = row?.max ?? 0;
    this.ringFloor = this.head;
    for (const [id, set] of await openIncidentScopes(db)) this.scopes.set(id, set);
    this.unlisten = await this.handle.listen(
      EVENTS_CHANNEL,
      () => this.poke(),
      () => void this.afterReconnect(),
    );
    this.heartbeat = setInterval(() => this.beat(), this.opts.heartbeatMs);
    // A safety net for a lost NOTIFY (listener reconnecting): the log is read at least every 2 s.
    this.poll = setInterval(() => this.poke(), 2000);
  }

  async stop(code = 1012, reason = 'server restarting'): Promise<void> {
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.poll) clearInterval(this.poll);
    await this.unlisten?.();
    for (const c of this.clients) {
      c.closed = true;
      c.ws.close(code, reason);
    }
    this.clients.clear();
  }

  /** What the hub holds right now, for monitoring (GET /api/metrics). */
  stats() {
    let buffered = 0;
    let largest = 0;
    for (const c of this.clients) {
      const b = c.ws.bufferedAmount;
      buffered += b;
      largest = Math.max(largest, b);
    }
    return {
      sockets: this.clients.size,
      bufferedBytes: buffered,
      largestSocketBufferedBytes: largest,
      eventHead: this.head,
      ringEvents: this.ring.length,
      openIncidentScopes: this.scopes.size,
    };
  }

  get size(): number {
    return this.clients.size;
  }

  add(ws: WebSocket, principal: Principal): Client {
    const client: Client = {
      ws,
      principal,
      audience: audienceOf(principal),
      cursor: null,
      replayed: false,
      pumping: false,
      again: false,
      alive: true,
      closed: false,
    };
    this.clients.add(client);
    ws.on('pong', () => {
      client.alive = true;
    });
    ws.on('close', () => {
      client.closed = true;
      this.clients.delete(client);
    });
    this.send(client, {
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      head: this.head,
      role: principal.role,
      stationId: principal.stationId,
    });
    return client;
  }

  subscribe(client: Client, since: number | null): void {
    client.cursor = since ?? this.head;
    client.replayed = false;
    this.send(client, { type: 'subscribed', since: client.cursor, head: this.head });
    this.poke();
    void this.pump(client);
  }

  markAlive(client: Client): void {
    client.alive = true;
  }

  /**
   * Something was committed (NOTIFY) or may have been: read the log forward. A commit while a read is
   * running is read next, but not sooner than FETCH_GAP_MS after the last read began: under load the
   * commits of a few milliseconds go out together (one pass over the sockets, one write per socket)
   * instead of one pass per commit; a quiet system reads at once.
   */
  poke(): void {
    if (this.stopped) return;
    if (this.fetching) {
      this.fetchAgain = true;
      return;
    }
    this.fetching = true;
    const started = performance.now();
    void this.fetchNew()
      .catch((err) => this.opts.onError?.(err, 'hub fetch'))
      .finally(() => {
        this.fetching = false;
        if (this.fetchAgain) {
          this.fetchAgain = false;
          const wait = started + FETCH_GAP_MS - performance.now();
          if (wait <= 0) this.poke();
          else {
            this.fetching = true;
            setTimeout(() => {
              this.fetching = false;
              this.poke();
            }, wait);
          }
        }
      });
  }

  /**
   * The listener lost its connection and has it again — perhaps on a new primary after a failover.
   * Notifications sent meanwhile are lost (PostgreSQL's design), events are not: read the log forward.
   * With a synchronous standby every acknowledged event is on the new primary; an event this hub read
   * that is not (a commit the old primary showed before its standby had it, then died) would leave the
   * hub ahead of the log, and it would skip the new primary's events with the same seq: it goes back to
   * the log's head, and the sockets that saw such an event reconnect and resume (docs/ha.md).
   */
  async afterReconnect(): Promise<void> {
    try {
      const [row] = await this.handle.readDb
        .select({ max: sql<number>`coalesce(max(${events.seq}), 0)`.mapWith(Number) })
        .from(events);
      const max = row?.max ?? 0;
      if (max < this.head) {
        this.opts.onError?.(
          new Error(`event log head ${max} is behind this hub's ${this.head} after a reconnect`),
          'hub rewound',
        );
        this.head = max;
        this.ring = this.ring.filter((e) => e.row.seq <= max);
        this.ringFloor = Math.min(this.ringFloor, max);
        for (const c of this.clients)
          if (c.cursor !== null && c.cursor > max && !c.closed) {
            c.closed = true;
            c.ws.close(1012, 'event log changed; resume');
            this.clients.delete(c);
          }
      }
    } catch (err) {
      this.opts.onError?.(err, 'hub reconnect');
    }
    this.poke();
  }

  private async fetchNew(): Promise<void> {
    for (;;) {
      const rows = await this.handle.readDb
        .select()
        .from(events)
        .where(gt(events.seq, this.head))
        .orderBy(asc(events.seq))
        .limit(1000);
      if (rows.length === 0) return;
      const batch = rows.map((row) => ({ row, frame: toFrame(row) }));
      const others = await this.scopesOfUnheld(batch);
      const before = this.head;
      const fresh = this.ring.length;
      for (const { row, frame } of batch) this.append(row, frame, others);
      this.fanOut(before, this.ring.slice(fresh));
      if (this.ring.length > RING_SIZE) {
        const drop = this.ring.splice(0, this.ring.length - RING_SIZE);
        this.ringFloor = drop[drop.length - 1]?.row.seq ?? this.ringFloor;
      }
      if (rows.length < 1000) return;
    }
  }

  /** Scopes of the batch's incidents that are neither held open nor created in the batch (one query). */
  private async scopesOfUnheld(batch: { row: EventRow; frame: EventFrame }[]) {
    const created = new Set(
      batch.filter((e) => e.frame.type === 'incident.created').map((e) => e.row.incidentId),
    );
    const unheld = new Set<number>();
    for (const { row } of batch)
      if (row.incidentId !== null && !this.scopes.has(row.incidentId) && !created.has(row.incidentId))
        unheld.add(row.incidentId);
    return incidentScopes(this.handle.readDb, [...unheld]);
  }

  private append(row: EventRow, frame: EventFrame, others: Map<number, Set<number>>): void {
    const id = row.incidentId;
    if (frame.type === 'incident.created' && id !== null) this.scopes.set(id, NO_STATIONS);
    // A reopened incident is held again, with the scope the view gave it.
    if (frame.type === 'incident.updated' && id !== null && isOpenIncident(frame.data.incident.status))
      if (!this.scopes.has(id)) this.scopes.set(id, others.get(id) ?? NO_STATIONS);
    const concern = concernOf(frame);
    if (concern) {
      const held = this.scopes.get(concern.incidentId);
      if (held && !held.has(concern.stationId))
        this.scopes.set(concern.incidentId, new Set([...held, concern.stationId]));
      else if (!held) others.get(concern.incidentId)?.add(concern.stationId);
    }
    const stations = id === null ? null : (this.scopes.get(id) ?? others.get(id) ?? NO_STATIONS);
    this.ring.push({ row, type: row.type, stationId: row.stationId, stations });
    framed.set(row, frame);
    this.head = row.seq;
    if (frame.type === 'incident.updated' && id !== null && !isOpenIncident(frame.data.incident.status))
      this.scopes.delete(id);
  }

  /**
   * New events to the sockets. A socket that is live at the previous head (subscribed, replayed, not
   * pumping) gets them at once, decided once per audience and serialised once per event: with 5,000
   * sockets, most of them station screens that see few events, the per-socket work is a map lookup.
   * The others (replaying, behind, taking a batch) are pumped from their cursor as before.
   */
  private fanOut(before: number, fresh: RingEvent[]): void {
    const byAudience = new Map<string, EventRow[]>();
    for (const c of this.clients) {
      if (c.cursor === null || c.closed) continue;
      if (c.pumping || !c.replayed || c.cursor !== before) {
        void this.pump(c);
        continue;
      }
      let rows = byAudience.get(c.audience);
      if (rows === undefined) {
        rows = fresh.filter((e) => isVisible(c.principal, e)).map((e) => e.row);
        byAudience.set(c.audience, rows);
      }
      c.cursor = this.head;
      if (rows.length === 0) continue;
      // Several frames in one write (one system call, one TCP segment) rather than one each, a
      // handful at a time; a reader that does not keep up is cut off (as in sendBatch).
      const socket = (c.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
      for (let i = 0; i < rows.length && !c.closed; i += CORK_FRAMES) {
        socket?.cork();
        for (const row of rows.slice(i, i + CORK_FRAMES)) c.ws.send(frameText(row));
        socket?.uncork();
        if (c.ws.bufferedAmount > this.opts.maxBufferedBytes) cutOff(c);
      }
    }
  }

  // Serialised per client; re-runs while new events keep arriving.
  private async pump(client: Client): Promise<void> {
    if (client.pumping) {
      client.again = true;
      return;
    }
    client.pumping = true;
    try {
      do {
        client.again = false;
        while (!client.closed && client.cursor !== null && client.cursor < this.head) {
          const cursor: number = client.cursor;
          let batch: EventRow[];
          let reached: number;
          if (cursor >= this.ringFloor) {
            const from = firstAfterSeq(this.ring, cursor);
            const slice = this.ring.slice(from, from + BATCH);
            reached = slice.length ? (slice[slice.length - 1] as RingEvent).row.seq : this.head;
            batch = slice.filter((e) => isVisible(client.principal, e)).map((e) => e.row);
          } else {
            // Too far behind for the ring: replay from the table, filtered in SQL.
            const upTo = this.ringFloor;
            batch = await readVisibleEvents(this.handle.readDb, client.principal, {
              after: cursor,
              upTo,
              limit: BATCH,
            });
            reached = batch.length === BATCH ? (batch[batch.length - 1] as EventRow).seq : upTo;
          }
          if (batch.length > 0 && !(await this.sendBatch(client, batch))) return;
          client.cursor = reached;
        }
        if (!client.closed && client.cursor !== null && !client.replayed) {
          client.replayed = true;
          this.send(client, { type: 'replayed', seq: client.cursor });
        }
      } while (client.again && !client.closed);
    } catch (err) {
      this.opts.onError?.(err, 'hub pump');
      if (!client.closed) client.ws.close(1011, 'replay failed; reconnect');
    } finally {
      client.pumping = false;
    }
  }

  /** Sends a batch and waits until the socket has taken it (flow control for replays). */
  private sendBatch(client: Client, batch: EventRow[]): Promise<boolean> {
    return new Promise((resolve) => {
      // A reader that stopped reading fills the kernel buffers, then ours: it is not waited for forever.
      const stall = setTimeout(() => {
        if (client.closed) return;
        cutOff(client);
        resolve(false);
      }, this.opts.stallMs ?? 10_000);
      const done = (ok: boolean) => {
        clearTimeout(stall);
        resolve(ok);
      };
      let last: EventRow | undefined;
      for (const row of batch) {
        last = row;
        const isLast = row === batch[batch.length - 1];
        client.ws.send(frameText(row), isLast ? (err) => done(!err && !client.closed) : undefined);
        if (client.ws.bufferedAmount > this.opts.maxBufferedBytes) {
          cutOff(client);
          done(false);
          return;
        }
      }
      if (!last) done(true);
    });
  }

  send(client: Client, frame: ServerFrame): void {
    if (client.closed || client.ws.readyState !== client.ws.OPEN) return;
    client.ws.send(JSON.stringify(frame));
  }

  /** Closes every socket opened with this session or token (logout, revocation): 4401. */
  endCredential(hash: string): number {
    let n = 0;
    for (const c of this.clients)
      if (c.principal.credentialHash === hash && !c.closed) {
        c.closed = true;
        c.ws.close(4401, 'session ended');
        this.clients.delete(c);
        n++;
      }
    return n;
  }

  // Sessions expire, users are disabled, tokens revoked, and a logout on another node may not have
  // been heard: every heartbeat re-checks the credentials of the open sockets in one query.
  private async recheck(): Promise<void> {
    const check = this.opts.validCredentials;
    if (!check) return;
    const hashes = [
      ...new Set([...this.clients].map((c) => c.principal.credentialHash).filter((h): h is string => !!h)),
    ];
    if (hashes.length === 0) return;
    try {
      const valid = await check(hashes);
      for (const h of hashes) if (!valid.has(h)) this.endCredential(h);
    } catch (err) {
      // Database away: keep the sockets; they are checked again at the next beat.
      this.opts.onError?.(err, 'credential check');
    }
  }

  // A ping and a heartbeat frame to every socket: a few hundred per turn of the event loop, so that
  // 5,000 sockets' beat does not hold the loop for a whole burst (an alert waiting behind it).
  private beat(): void {
    void this.recheck();
    const at = new Date().toISOString();
    const frame = JSON.stringify({ type: 'heartbeat', head: this.head, at } satisfies ServerFrame);
    const all = [...this.clients];
    const slice = (from: number) => {
      for (const c of all.slice(from, from + BEAT_SLICE)) {
        if (c.closed) continue;
        if (!c.alive) {
          c.closed = true;
          c.ws.terminate();
          this.clients.delete(c);
          continue;
        }
        c.alive = false;
        c.ws.ping();
        if (c.ws.readyState === c.ws.OPEN) c.ws.send(frame);
      }
      if (from + BEAT_SLICE < all.length) setImmediate(() => slice(from + BEAT_SLICE));
    };
    slice(0);
  }
}

export type HubClient = Client;
