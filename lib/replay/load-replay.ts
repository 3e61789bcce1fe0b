import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, rowsOf } from '../../db/client';
import { notFound } from '../errors';
import { EVENT_TYPES, type EventFamily, type EventType } from '../events/catalogue';
import { payloadJson } from '../events/payload-sql';
import { toFrame } from '../events/read-event';
import type { IncidentDto } from '../incidents/incident-dto';
import { isOpenIncident } from '../incidents/incident-status';
import type { UnitDto } from '../units/unit-dto';
import type { ReplayEvent, ReplayInitial } from './fold-replay';

// Replay reads the event log only: the state at any moment is the last snapshot of each incident and
// unit at or before it (event payloads carry full snapshots), so the browser folds the events forward.

/**
 * What the map and the incident's story are made of: incidents, assignments, alerts, units, hand-overs,
 * and the 112 calls (in the log; an incident's replay has the whole life of the calls attached to it).
 */
const REPLAY_FAMILIES: readonly EventFamily[] = [
  'incident',
  'assignment',
  'alert',
  'unit',
  'handover',
  'call',
];
export const REPLAY_TYPES = EVENT_TYPES.filter((t) => REPLAY_FAMILIES.some((f) => t.startsWith(`${f}.`)));

const MAX_EVENTS = 50_000;

export const ZReplayWindow = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .superRefine((q, ctx) => {
    const span = Date.parse(q.to) - Date.parse(q.from);
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (span > 24 * 3600_000)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'at most 24 hours after from' });
  });

export interface Replay {
  from: string;
  to: string;
  incidentId: number | null;
  /** Snapshots as they were at `from`: open incidents and units with their status and position. */
  initial: ReplayInitial;
  events: ReplayEvent[];
  truncated: boolean;
}

const list = (types: readonly string[]) =>
  sql.join(
    types.map((t) => sql`${t}`),
    sql`, `,
  );
/** The events that carry a unit snapshot (`{unit}`): a unit's state at any moment is the last one. */
const UNIT_SNAPSHOT_TYPES = list([
  'unit.status_changed',
  'unit.position_changed',
  'unit.updated',
  'alert.created',
] satisfies EventType[]);

const types = list(REPLAY_TYPES);

/** One incident, from its creation until its last event (or now, while open), with its units' moves. */
export async function loadIncidentReplay(db: Db, incidentId: number): Promise<Replay> {
  const [span] = rowsOf<{ lo: Date | string | null; hi: Date | string | null }>(
    // From the first ring of a call attached to the incident (it came before the incident was logged).
    await db.execute(sql`
      select least(min(at), (select min(offered_at) from calls where incident_id = ${incidentId})) as lo,
             max(at) as hi
        from events where incident_id = ${incidentId}`),
  );
  if (!span?.lo || !span.hi) throw notFound('incident');
  const lo = new Date(span.lo).toISOString();
  const [inc] = rowsOf<{ status: IncidentDto['status'] }>(
    await db.execute(sql`select status from incidents where id = ${incidentId}`),
  );
  const hi = inc && isOpenIncident(inc.status) ? new Date().toISOString() : new Date(span.hi).toISOString();
  const unitIds = sql`(select distinct unit_id from assignments where incident_id = ${incidentId})`;
  const events = await readEvents(
    db,
    sql`(e.incident_id = ${incidentId}
         or (e.unit_id in ${unitIds} and e.type in ('unit.position_changed', 'unit.status_changed'))
         or (e.type like 'call.%' and e.incident_id is null
             and (e.payload->'call'->>'id')::int in (select id from calls where incident_id = ${incidentId})))`,
    lo,
    hi,
  );
  const units = await unitsAt(db, lo, sql`u.id in ${unitIds}`);
  return { from: lo, to: hi, incidentId, initial: { incidents: [], units }, ...events };
}

/** Everything on the map in a window (ZReplayWindow: `to` after `from`, at most 24 hours). */
export async function loadWindowReplay(db: Db, from: string, to: string): Promise<Replay> {
  const events = await readEvents(db, sql`true`, from, to);
  const units = await unitsAt(db, from, sql`true`);
  // Snapshots read straight from the log's payloads (incident and unit snapshots kept their shape).
  const incidents = rowsOf<{ incident: IncidentDto }>(
    await db.execute(sql`
      select ev.incident from incidents i
      cross join lateral (
        select ${payloadJson('incident.updated', 'e', 'incident')} as incident from events e
         where e.incident_id = i.id and e.type in ('incident.created', 'incident.updated') and e.at < ${from}::timestamptz
           and e.payload ? 'incident'
         order by e.seq desc limit 1) ev
       where i.created_at < ${from}::timestamptz and (i.closed_at is null or i.closed_at > ${from}::timestamptz)`),
  ).map((r) => r.incident);
  const open = incidents.filter((i) => isOpenIncident(i.status));
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    incidentId: null,
    initial: { incidents: open, units },
    ...events,
  };
}

async function readEvents(
  db: Db,
  where: SQL,
  lo: string,
  hi: string,
): Promise<{ truncated: boolean; events: ReplayEvent[] }> {
  const rows = rowsOf<{
    seq: string | number;
    at: Date | string;
    type: string;
    actor: string;
    incident_id: number | null;
    unit_id: number | null;
    station_id: number | null;
    payload: unknown;
  }>(
    await db.execute(sql`
      select e.seq, e.at, e.type, e.actor, e.incident_id, e.unit_id, e.station_id, e.payload from events e
       where ${where} and e.type in (${types})
         and e.at >= ${lo}::timestamptz and e.at <= ${hi}::timestamptz
       order by e.seq limit ${MAX_EVENTS + 1}`),
  );
  const truncated = rows.length > MAX_EVENTS;
  return {
    truncated,
    events: rows.slice(0, MAX_EVENTS).map((r) => ({
      ...toFrame({ seq: Number(r.seq), type: r.type, at: r.at, payload: r.payload, stationId: r.station_id }),
      actor: r.actor,
      incidentId: r.incident_id,
      unitId: r.unit_id,
    })),
  };
}

/** Each unit's last snapshot before a moment (its status and position then). */
async function unitsAt(db: Db, at: string, filter: SQL): Promise<UnitDto[]> {
  return rowsOf<{ unit: UnitDto }>(
    await db.execute(sql`
      select ev.unit from units u
      cross join lateral (
        select ${payloadJson('unit.status_changed', 'e', 'unit')} as unit from events e
         where e.unit_id = u.id and e.at < ${at}::timestamptz and e.payload ? 'unit'
           and e.type in (${UNIT_SNAPSHOT_TYPES})
         order by e.seq desc limit 1) ev
       where ${filter}`),
  ).map((r) => r.unit);
}
