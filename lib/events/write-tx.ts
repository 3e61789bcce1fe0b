import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type EventRow, events } from '../../db/schema';
import { actorLabel, type Principal } from '../auth/principal';
import type { EventType } from '../realtime/event-types';

export const EVENTS_CHANNEL = 'cad_events';
// All event-log appends take this transaction-scoped lock, so commit order = seq order.
const EVENT_LOG_LOCK = 112_000_000;

export interface PendingEvent {
  type: EventType;
  incidentId?: number | null;
  unitId?: number | null;
  stationId?: number | null;
  data: Record<string, unknown>;
}

export interface WriteTx {
  tx: Db;
  actor: Principal | null;
  emit(event: PendingEvent): void;
}

// Runs a state change and its event rows in one transaction. Events are appended last, under the
// event-log lock, so the lock is held only for the final inserts and nothing else waits behind it
// while the change itself runs; NOTIFY is delivered by PostgreSQL only when the transaction commits.
export async function inWriteTx<T>(
  db: Db,
  actor: Principal | null,
  fn: (w: WriteTx) => Promise<T>,
): Promise<{ result: T; events: EventRow[] }> {
  return db.transaction(async (tx) => {
    const pending: PendingEvent[] = [];
    const result = await fn({ tx: tx as unknown as Db, actor, emit: (e) => pending.push(e) });
    const written: EventRow[] = [];
    if (pending.length > 0) {
      await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK})`);
      const rows = await tx
        .insert(events)
        .values(
          pending.map((e) => ({
            type: e.type,
            incidentId: e.incidentId ?? null,
            unitId: e.unitId ?? null,
            stationId: e.stationId ?? null,
            actorUserId: actor?.userId ?? null,
            actor: actor ? actorLabel(actor) : 'system',
            payload: e.data,
          })),
        )
        .returning();
      written.push(...rows.sort((a, b) => a.seq - b.seq));
      const last = written[written.length - 1];
      if (last) await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${String(last.seq)})`);
    }
    return { result, events: written };
  });
}

export function toFrame(row: EventRow) {
  return {
    seq: row.seq,
    type: row.type as EventType,
    at: row.at.toISOString(),
    data: row.payload,
  };
}
