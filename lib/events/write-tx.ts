import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import type { EventRow } from '../../db/schema';
import { canTail, literal, tailTransaction } from '../../db/tail-commit';
import { actorLabel, type Principal } from '../auth/principal';
import type { CadEvent } from './build';

/** One event as the append statement receives it. */
interface EventRecord {
  type: string;
  incident_id: number | null;
  unit_id: number | null;
  station_id: number | null;
  actor_user_id: number | null;
  actor: string;
  payload: unknown;
}

/** One event as the append statement returns it (seq and time drawn by PostgreSQL). */
interface RawEventRow extends EventRecord {
  seq: string | number;
  at: Date | string;
}

export const EVENTS_CHANNEL = 'cad_events';
// All event-log appends take this transaction-scoped lock, so commit order = seq order.
export const EVENT_LOG_LOCK = 112_000_000;

export interface WriteTx {
  tx: Db;
  actor: Principal | null;
  /** Appends an event at commit; only the catalogue's builders (./build.ts) make one. */
  emit(event: CadEvent): void;
  /**
   * Gives this new incident its human number in the append statement, under the event-log lock, and
   * writes it into its incident.created event (the row was inserted with the provisional number given).
   */
  numberIncident(incidentId: number, provisional: string): void;
}

export interface Numbering {
  incidentId: number;
  /** The number the row was inserted with, which answers may carry until the append replaces it. */
  provisional: string;
}

/**
 * The appends of writes inside an enclosing transaction that ends with its own tail (an idempotent
 * request, lib/http/handler.ts): their events wait for that tail, which appends them with the commit.
 */
export interface DeferredAppends {
  records: EventRecord[];
  numbering: Numbering | null;
}

const deferredIn = new WeakMap<object, DeferredAppends>();

/** From now on, writes in this transaction leave their events to the caller's tail (see `appendSql`). */
export function deferAppends(tx: Db): DeferredAppends {
  const d: DeferredAppends = { records: [], numbering: null };
  deferredIn.set(tx, d);
  return d;
}

// Runs a state change and its event rows in one transaction. Events are appended last, under the
// event-log lock, so the lock is held only for the final inserts and nothing else waits behind it
// while the change itself runs; NOTIFY is delivered by PostgreSQL only when the transaction commits.
// On PostgreSQL the append travels with the COMMIT in one message (db/tail-commit.ts): no round trip to
// this process while the lock is held. Inside an idempotent request the append waits for the request's
// own tail, which also stores the answer. `deferred` says the events are not written yet.
export async function inWriteTx<T>(
  db: Db,
  actor: Principal | null,
  fn: (w: WriteTx) => Promise<T>,
): Promise<{ result: T; events: EventRow[]; deferred: boolean }> {
  const outer = deferredIn.get(db);
  if (outer) {
    const w = writer(db, actor);
    const result = await fn(w);
    outer.records.push(...w.records());
    if (w.numbering) {
      if (outer.numbering && outer.numbering.incidentId !== w.numbering.incidentId)
        throw new Error('one new incident per write');
      outer.numbering = w.numbering;
    }
    return { result, events: [], deferred: true };
  }
  if (canTail(db)) {
    const { value, results } = await tailTransaction(
      db,
      async (tx) => {
        const w = writer(tx, actor);
        return { result: await fn(w), w };
      },
      ({ w }) => (w.pending.length > 0 ? appendSql(w.records(), w.numbering) : ''),
    );
    return { result: value.result, events: eventRows(results[0]?.rows ?? []), deferred: false };
  }
  // The embedded database (one connection, in this process), or a write nested in another transaction.
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const w = writer(tx, actor);
    const result = await fn(w);
    if (w.pending.length === 0) return { result, events: [], deferred: false };
    const rows = rowsOf<RawEventRow>(await tx.execute(sql.raw(appendSql(w.records(), w.numbering))));
    return { result, events: eventRows(rows), deferred: false };
  });
}

function writer(tx: Db, actor: Principal | null) {
  const pending: CadEvent[] = [];
  const w = {
    tx,
    actor,
    pending,
    numbering: null as Numbering | null,
    emit: (e: CadEvent) => {
      pending.push(e);
    },
    numberIncident: (incidentId: number, provisional: string) => {
      if (w.numbering !== null && w.numbering.incidentId !== incidentId)
        throw new Error('one new incident per write');
      w.numbering = { incidentId, provisional };
    },
    records: (): EventRecord[] =>
      pending.map((e) => ({
        type: e.type,
        incident_id: e.incidentId,
        unit_id: e.unitId,
        station_id: e.stationId,
        actor_user_id: actor?.userId ?? null,
        actor: actor ? actorLabel(actor) : 'system',
        payload: e.data,
      })),
  };
  return w;
}

/**
 * The append statement, as literal SQL (it may travel in a tail with the COMMIT): the lock, the rows and
 * their NOTIFY in one statement. The lock's CTE is volatile, so it is evaluated once, and before the
 * INSERT receives its first row (every row is joined with it): each seq is drawn under the lock.
 * A new incident's number (next_incident_number, migration 0028) is drawn here too: its year's counter
 * row is then locked only while the event log is, instead of from the incident's INSERT on — at 50
 * incidents a second that queue held every pooled connection of both nodes.
 */
export function appendSql(records: EventRecord[], numbering: Numbering | null): string {
  const id = numbering === null ? null : literal(Math.trunc(numbering.incidentId));
  return `
    with lock as materialized (select pg_advisory_xact_lock(${EVENT_LOG_LOCK}) as held),
    ${
      id === null
        ? ''
        : `num as materialized (
            update incidents set number = next_incident_number() from lock where id = ${id} returning number),`
    }
    ins as (
      insert into events (type, incident_id, unit_id, station_id, actor_user_id, actor, payload)
      select x.type, x.incident_id, x.unit_id, x.station_id, x.actor_user_id, x.actor,
             ${
               id === null
                 ? 'x.payload'
                 : `case when x.type = 'incident.created' and x.incident_id = ${id}
                        then jsonb_set(x.payload, '{incident,number}', to_jsonb((select number from num)))
                        else x.payload end`
             }
        from lock, rows from (
               jsonb_to_recordset(${literal(JSON.stringify(records))}::jsonb)
                 as (type text, incident_id int, unit_id int, station_id int, actor_user_id int, actor text,
                     payload jsonb)
             ) with ordinality
             as x(type, incident_id, unit_id, station_id, actor_user_id, actor, payload, n)
       order by n
      returning *)
    select ins.*, (select pg_notify(${literal(EVENTS_CHANNEL)}, max(seq)::text) from ins) as notified from ins`;
}

function eventRows(rows: RawEventRow[]): EventRow[] {
  return rows
    .map((r) => ({
      seq: Number(r.seq),
      type: r.type,
      at: r.at instanceof Date ? r.at : new Date(r.at),
      incidentId: r.incident_id,
      unitId: r.unit_id,
      stationId: r.station_id,
      actorUserId: r.actor_user_id,
      actor: r.actor,
      payload: r.payload,
    }))
    .sort((a, b) => a.seq - b.seq);
}
