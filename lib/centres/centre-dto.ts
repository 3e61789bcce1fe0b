import { asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { centres, centreTakeovers } from '../../db/schema';
import type { TakeoverReason, UnitStatus } from '../../db/schema/enums';

/** A take-over: the centre's calls and new incidents are handled by the partner until it ends. */
export interface TakeoverDto {
  id: number;
  centreId: number;
  partnerId: number;
  reason: TakeoverReason;
  note: string;
  startedAt: string;
  startedByName: string;
  endedAt: string | null;
  endedByName: string | null;
}

export interface CentreDto {
  id: number;
  code: string;
  name: { sl: string; en: string };
  partnerId: number | null;
  queueThreshold: number;
  /** The open take-over of this centre (its region handled by the partner), or null. */
  takeover: TakeoverDto | null;
  /** The centre that handles this centre's region now: itself, or the partner of the open take-over. */
  handledById: number;
}

/** A centre with its load now: the national picture's row. */
export interface CentreLoadDto extends CentreDto {
  /** Open incidents the centre owns. */
  openIncidents: number;
  /** Of those, red priority. */
  openRed: number;
  /** Calls waiting for a position of this centre (including calls of regions it took over). */
  waitingCalls: number;
  /** Seconds the longest of those calls has waited. */
  longestWaitS: number | null;
  /** Units of the centre's stations by status. */
  units: Partial<Record<UnitStatus, number>>;
  /** Calls answered by the centre's positions in the last hour and their answer times (seconds). */
  answeredLastHour: number;
  answerMedianS: number | null;
  answerP90S: number | null;
  /** Calls offered to the centre in the last hour that the caller gave up before an answer. */
  abandonedLastHour: number;
  /** Pending hand-overs of incidents to this centre. */
  pendingTransfers: number;
}

export function takeoverDto(t: typeof centreTakeovers.$inferSelect): TakeoverDto {
  return {
    id: t.id,
    centreId: t.centreId,
    partnerId: t.partnerId,
    reason: t.reason,
    note: t.note,
    startedAt: t.startedAt.toISOString(),
    startedByName: t.startedByName,
    endedAt: t.endedAt?.toISOString() ?? null,
    endedByName: t.endedByName ?? null,
  };
}

/** The 13 centres in their order, each with its open take-over. */
export async function listCentres(db: Db): Promise<CentreDto[]> {
  const rows = await db
    .select({ c: centres, t: centreTakeovers })
    .from(centres)
    .leftJoin(
      centreTakeovers,
      sql`${centreTakeovers.centreId} = ${centres.id} and ${isNull(centreTakeovers.endedAt)}`,
    )
    .orderBy(asc(centres.sort), asc(centres.id));
  return rows.map(({ c, t }) => ({
    id: c.id,
    code: c.code,
    name: { sl: c.nameSl, en: c.nameEn },
    partnerId: c.partnerId,
    queueThreshold: c.queueThreshold,
    takeover: t ? takeoverDto(t) : null,
    handledById: t ? t.partnerId : c.id,
  }));
}

export async function getCentre(db: Db, id: number): Promise<CentreDto | null> {
  return (await listCentres(db)).find((c) => c.id === id) ?? null;
}

export async function centreIdByCode(db: Db, code: string): Promise<number | null> {
  const [row] = await db.select({ id: centres.id }).from(centres).where(eq(centres.code, code.toUpperCase()));
  return row?.id ?? null;
}

/**
 * The national picture: every centre with its load, in one round trip per figure (13 rows each; the
 * indexes on open incidents per centre and waiting calls per centre keep them small at any history).
 */
export async function centreLoads(db: Db): Promise<CentreLoadDto[]> {
  const list = await listCentres(db);
  // One after the other: `db` may be a single connection (a transaction, the embedded database).
  const run = async (queries: SQL[]) => {
    const out: unknown[] = [];
    for (const q of queries) out.push(await db.execute(q));
    return out;
  };
  const [incidentRows, callRows, unitRows, answerRows, transferRows] = await run([
    sql`
      select centre_id, count(*)::int as open, count(*) filter (where priority = 'red')::int as red
        from incidents where status in ('new','dispatched','in_progress') group by centre_id`,
    sql`
      select routed_centre_id as centre_id, count(*)::int as waiting,
             extract(epoch from now() - min(offered_at))::float8 as longest
        from calls where state = 'waiting' group by routed_centre_id`,
    sql`
      select s.centre_id, u.status, count(*)::int as n
        from units u join stations s on s.id = u.station_id group by s.centre_id, u.status`,
    sql`
      select routed_centre_id as centre_id,
             count(*) filter (where answered_at is not null)::int as answered,
             count(*) filter (where state = 'abandoned')::int as abandoned,
             percentile_cont(0.5) within group (order by extract(epoch from answered_at - offered_at))
               filter (where answered_at is not null) as median,
             percentile_cont(0.9) within group (order by extract(epoch from answered_at - offered_at))
               filter (where answered_at is not null) as p90
        from calls where offered_at > now() - interval '1 hour' group by routed_centre_id`,
    sql`
      select to_centre_id as centre_id, count(*)::int as n
        from incident_transfers where accepted_at is null group by to_centre_id`,
  ]);
  const by = <T extends { centre_id: number }>(r: unknown) =>
    new Map(rowsOf<T>(r).map((x) => [Number(x.centre_id), x]));
  const inc = by<{ centre_id: number; open: number; red: number }>(incidentRows);
  const calls = by<{ centre_id: number; waiting: number; longest: number | null }>(callRows);
  const answers = by<{
    centre_id: number;
    answered: number;
    abandoned: number;
    median: number | null;
    p90: number | null;
  }>(answerRows);
  const transfers = by<{ centre_id: number; n: number }>(transferRows);
  const units = new Map<number, Partial<Record<UnitStatus, number>>>();
  for (const r of rowsOf<{ centre_id: number; status: UnitStatus; n: number }>(unitRows)) {
    const m = units.get(Number(r.centre_id)) ?? {};
    m[r.status] = Number(r.n);
    units.set(Number(r.centre_id), m);
  }
  const round = (v: number | null | undefined) => (v == null ? null : Math.round(Number(v)));
  return list.map((c) => ({
    ...c,
    openIncidents: Number(inc.get(c.id)?.open ?? 0),
    openRed: Number(inc.get(c.id)?.red ?? 0),
    waitingCalls: Number(calls.get(c.id)?.waiting ?? 0),
    longestWaitS: round(calls.get(c.id)?.longest),
    units: units.get(c.id) ?? {},
    answeredLastHour: Number(answers.get(c.id)?.answered ?? 0),
    answerMedianS: round(answers.get(c.id)?.median),
    answerP90S: round(answers.get(c.id)?.p90),
    abandonedLastHour: Number(answers.get(c.id)?.abandoned ?? 0),
    pendingTransfers: Number(transfers.get(c.id)?.n ?? 0),
  }));
}

/** The centre handling a centre's region now (itself, or its partner during a take-over). */
export async function handlingCentre(db: Db, centreId: number): Promise<number> {
  const [t] = await db
    .select({ partnerId: centreTakeovers.partnerId })
    .from(centreTakeovers)
    .where(sql`${centreTakeovers.centreId} = ${centreId} and ${centreTakeovers.endedAt} is null`);
  return t?.partnerId ?? centreId;
}

/** The centres whose regions a centre handles now: itself and those it has taken over. */
export async function centresHandledBy(db: Db, centreId: number): Promise<number[]> {
  const rows = await db
    .select({ id: centreTakeovers.centreId })
    .from(centreTakeovers)
    .where(sql`${centreTakeovers.partnerId} = ${centreId} and ${centreTakeovers.endedAt} is null`);
  return [centreId, ...rows.map((r) => r.id)];
}
