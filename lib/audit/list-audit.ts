import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, rowsOf } from '../../db/client';
import type { EventFrame } from '../events/catalogue';
import { toFrame } from '../events/read-event';
import { csvCell } from '../stats/compute-stats';
import { INT32_MAX } from '../validation';

// The audit trail is the event log itself (append-only: a trigger refuses UPDATE and DELETE), read
// newest first with filters; paging by seq ("before"), so a page never shifts while events arrive.

const ZWhen = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** Digits only: an id, which must fit the integer column. */
const idInRange = (v: string) => !/^\d+$/.test(v) || Number(v) <= INT32_MAX;

export const ZAuditQuery = z.object({
  /** A username (or an API token's name). */
  user: z.string().trim().min(1).max(100).optional(),
  /** An incident's number (2026-000123) or id. */
  incident: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{6}|\d{1,10})$/, 'an incident number such as 2026-000123, or an id')
    .refine(idInRange, 'an id is at most 2147483647')
    .optional(),
  /** A unit's callsign or id. */
  unit: z.string().trim().min(1).max(30).refine(idInRange, 'an id is at most 2147483647').optional(),
  /** An event type, or a family ending in a dot: "incident." */
  type: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]*)?$/, 'an event type such as unit.status_changed, or a family such as unit.')
    .optional(),
  from: ZWhen.optional(),
  to: ZWhen.optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  format: z.enum(['json', 'csv']).default('json'),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

/** An event of the log with who did it and the incident's number and unit's call sign to show. */
export type AuditEntry = EventFrame & {
  actor: string;
  actorUserId: number | null;
  incidentId: number | null;
  incidentNumber: string | null;
  unitId: number | null;
  unitCallsign: string | null;
  stationId: number | null;
};

/** A date alone is a whole day in Europe/Ljubljana; "to" includes that day. */
function bound(v: string, end: boolean): SQL {
  if (v.length === 10)
    return end
      ? sql`(${v}::date + 1)::timestamp at time zone 'Europe/Ljubljana'`
      : sql`(${v}::date)::timestamp at time zone 'Europe/Ljubljana'`;
  return sql`${v}::timestamptz`;
}

export async function listAudit(db: Db, q: TAuditQuery) {
  const where: SQL[] = [];
  if (q.user) {
    // A person by id (the actor index); otherwise an API token's or the system's label. One or the
    // other, not both in an OR: an OR would read the log backwards past everyone else's entries.
    const [person] = rowsOf<{ id: number }>(
      await db.execute(sql`select id from users where username = lower(${q.user})`),
    );
    where.push(
      person ? sql`e.actor_user_id = ${person.id}` : sql`e.actor in (${q.user}, ${`token:${q.user}`})`,
    );
  }
  if (q.incident)
    where.push(
      q.incident.includes('-')
        ? sql`e.incident_id = (select id from incidents where number = ${q.incident})`
        : sql`e.incident_id = ${Number(q.incident)}`,
    );
  if (q.unit)
    where.push(
      /^\d+$/.test(q.unit)
        ? sql`e.unit_id = ${Number(q.unit)}`
        : sql`e.unit_id = (select id from units where callsign = upper(${q.unit}))`,
    );
  if (q.type) where.push(q.type.endsWith('.') ? sql`e.type like ${`${q.type}%`}` : sql`e.type = ${q.type}`);
  if (q.from) where.push(sql`e.at >= ${bound(q.from, false)}`);
  if (q.to) where.push(sql`e.at < ${bound(q.to, true)}`);
  if (q.before) where.push(sql`e.seq < ${q.before}`);
  const rows = rowsOf<{
    seq: string | number;
    at: Date | string;
    type: string;
    actor: string;
    actor_user_id: number | null;
    incident_id: number | null;
    number: string | null;
    unit_id: number | null;
    callsign: string | null;
    station_id: number | null;
    payload: unknown;
  }>(
    await db.execute(sql`
      select e.seq, e.at, e.type, e.actor, e.actor_user_id, e.incident_id, i.number, e.unit_id, u.callsign,
             e.station_id, e.payload
        from events e
        left join incidents i on i.id = e.incident_id
        left join units u on u.id = e.unit_id
       where ${where.length ? sql.join(where, sql` and `) : sql`true`}
       order by e.seq desc
       limit ${q.limit}`),
  );
  const entries: AuditEntry[] = rows.map((r) => ({
    ...toFrame({ seq: Number(r.seq), type: r.type, at: r.at, payload: r.payload, stationId: r.station_id }),
    actor: r.actor,
    actorUserId: r.actor_user_id,
    incidentId: r.incident_id,
    incidentNumber: r.number,
    unitId: r.unit_id,
    unitCallsign: r.callsign,
    stationId: r.station_id,
  }));
  const last = entries[entries.length - 1];
  return { entries, nextBefore: entries.length === q.limit && last ? last.seq : null };
}

export function auditCsv(entries: AuditEntry[]): string {
  const head = ['seq', 'at', 'type', 'actor', 'incident', 'unit', 'station_id', 'data'];
  const lines = entries.map((e) =>
    [
      String(e.seq),
      e.at,
      e.type,
      e.actor,
      e.incidentNumber ?? (e.incidentId === null ? '' : String(e.incidentId)),
      e.unitCallsign ?? (e.unitId === null ? '' : String(e.unitId)),
      e.stationId === null ? '' : String(e.stationId),
      JSON.stringify(e.data),
    ].map(csvCell),
  );
  return `${[head, ...lines].map((l) => l.join(',')).join('\r\n')}\r\n`;
}
