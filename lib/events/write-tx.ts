import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import type { EventRow } from '../../db/schema';
import { actorLabel, type Principal } from '../auth/principal';
import type { CadEvent } from './build';

interface RawEventRow {
  seq: string | number;
  type: string;
  at: Date | string;
  incident_id: number | null;
  unit_id: number | null;
  station_id: number | null;
  actor_user_id: number | null;
  actor: string;
  payload: unknown;
}

export const EVENTS_CHANNEL = 'cad_events';
// All event-log appends take this transaction-scoped lock, so commit order = seq order.
const EVENT_LOG_LOCK = 112_000_000;

export interface WriteTx {
  tx: Db;
  actor: Principal | null;
  /** Appends an event at commit; only the catalogue's builders (./build.ts) make one. */
  emit(event: CadEvent): void;
  /**
   * Gives this new incident its human number in the append statement, under the event-log lock, and
   * writes it into its incident.created event (the row was inserted with a provisional one).
   */
  numberIncident(incidentId: number): void;
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
    const pending: CadEvent[] = [];
    let numbering: number | null = null;
    const result = await fn({
      tx: tx as unknown as Db,
      actor,
      emit: (e) => pending.push(e),
      numberIncident: (id) => {
        if (numbering !== null && numbering !== id) throw new Error('one new incident per write');
        numbering = id;
      },
    });
    const written: EventRow[] = [];
    if (pending.length > 0) {
      // The lock, the rows and their NOTIFY in one statement: no round trip to this process while the
      // lock is held but the commit's. The lock's CTE is volatile, so it is evaluated once, and before
      // the INSERT receives its first row (every row is joined with it): each seq is drawn under the lock.
      const records = pending.map((e) => ({
        type: e.type,
        incident_id: e.incidentId,
        unit_id: e.unitId,
        station_id: e.stationId,
        actor_user_id: actor?.userId ?? null,
        actor: actor ? actorLabel(actor) : 'system',
        payload: e.data,
      }));
      // A new incident's number (next_incident_number, migration 0028) is drawn here too: its year's
      // counter row is then locked only while the event log is, instead of from the incident's INSERT
      // on — at 50 incidents a second that queue held every pooled connection of both nodes.
      const numbered = numbering;
      const result = await tx.execute(sql`
        with lock as materialized (select pg_advisory_xact_lock(${EVENT_LOG_LOCK}) as held),
        ${
          numbered === null
            ? sql``
            : sql`num as materialized (
                update incidents set number = next_incident_number() from lock
                 where id = ${numbered} returning number),`
        }
        ins as (
          insert into events (type, incident_id, unit_id, station_id, actor_user_id, actor, payload)
          select x.type, x.incident_id, x.unit_id, x.station_id, x.actor_user_id, x.actor,
                 ${
                   numbered === null
                     ? sql`x.payload`
                     : sql`case when x.type = 'incident.created' and x.incident_id = ${numbered}
                                then jsonb_set(x.payload, '{incident,number}', to_jsonb((select number from num)))
                                else x.payload end`
                 }
            from lock, rows from (
                   jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
                     as (type text, incident_id int, unit_id int, station_id int, actor_user_id int, actor text,
                         payload jsonb)
                 ) with ordinality
                 as x(type, incident_id, unit_id, station_id, actor_user_id, actor, payload, n)
           order by n
          returning *)
        select ins.*, (select pg_notify(${EVENTS_CHANNEL}, max(seq)::text) from ins) as notified from ins`);
      for (const r of rowsOf<RawEventRow>(result))
        written.push({
          seq: Number(r.seq),
          type: r.type,
          at: r.at instanceof Date ? r.at : new Date(r.at),
          incidentId: r.incident_id,
          unitId: r.unit_id,
          stationId: r.station_id,
          actorUserId: r.actor_user_id,
          actor: r.actor,
          payload: r.payload,
        });
      written.sort((a, b) => a.seq - b.seq);
    }
    return { result, events: written };
  });
}
