import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { assignments, incidents, incidentTypes, units } from '../../db/schema';
import { centreAtPointSql } from '../centres/centre-at';
import { notFound } from '../errors';
import type { TNeed } from '../triage/schemas';
import { capabilityLabel } from '../units/capabilities';
import type { UnitDto } from '../units/unit-dto';
import { ASSIGNABLE_UNIT_STATUSES } from '../units/unit-status-machine';
import { MAX_DESTINATIONS, type Router } from './routing';

/** A unit that could go: as the unit list shows it, with how it fits and how far it is. */
export interface Candidate
  extends Pick<
    UnitDto,
    'id' | 'callsign' | 'type' | 'capabilities' | 'stationId' | 'stationName' | 'status'
  > {
  distanceM: number;
  inServiceArea: boolean;
  stale: boolean;
  positionAgeMin: number | null;
  /** Road travel time and distance from the routing engine; null without one or without a route. */
  etaS: number | null;
  roadDistanceM: number | null;
  /** The centre whose region the unit's station serves. */
  centreId: number;
  /** The unit comes from another centre's region than the incident's (mutual aid across a border). */
  mutualAid: boolean;
  centreName: { sl: string; en: string };
}

export interface Recommendation extends Candidate {
  fulfils: string;
  reason: { sl: string; en: string };
}

// Ranking, in this order: (1) fitness: the unit has a capability the incident needs; (2) the incident
// lies in the unit's station's service area (PostGIS ST_Covers); (3) distance, by KNN on the GiST index.
// A unit whose position is older than the stale limit is not trusted: it is measured from its station
// and ranked after units with fresh positions, and the answer says so. With a routing engine, (3) is
// the road ETA instead; when the engine is down or slow the answer falls back to straight lines and
// says so.
export async function recommendUnits(
  db: Db,
  incidentId: number,
  opts: { staleMin: number; limit?: number; router?: Router | null },
) {
  const [inc] = await db
    .select({
      id: incidents.id,
      type: incidents.type,
      triage: incidents.triage,
      position: incidents.position,
    })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  if (!inc) throw notFound('incident');
  const [type] = await db.select().from(incidentTypes).where(eq(incidentTypes.code, inc.type));
  const triageNeeds = (inc.triage as { needs?: TNeed[] } | null)?.needs;
  const wanted: TNeed[] = triageNeeds?.length ? triageNeeds : ((type?.needs as TNeed[] | undefined) ?? []);
  // Units already on the incident cover part of the needs: recommend only what is still missing.
  const onScene = await db
    .select({ capabilities: units.capabilities })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(eq(assignments.incidentId, incidentId), isNull(assignments.releasedAt)));
  const covered = new Set<number>();
  const needs: TNeed[] = wanted
    .map((n) => {
      let count = n.count;
      onScene.forEach((u, idx) => {
        if (count > 0 && !covered.has(idx) && u.capabilities.includes(n.capability)) {
          covered.add(idx);
          count--;
        }
      });
      return { capability: n.capability, count };
    })
    .filter((n) => n.count > 0);

  const result = await db.execute(sql`
    with i as (select position from incidents where id = ${incidentId}),
    region as (select ${centreAtPointSql(sql`(select position from i)`)} as centre_id),
    near as (
      select u.id, u.callsign, u.type, u.capabilities, u.station_id, s.name as station_name, u.status,
             s.centre_id, c.name_sl as centre_sl, c.name_en as centre_en,
             s.centre_id <> (select centre_id from region) as mutual_aid,
             u.position_at,
             (u.position is not null and u.position_at > now() - make_interval(mins => ${opts.staleMin})) as fresh,
             coalesce(s.service_area is not null and ST_Covers(s.service_area, (select position from i)), false) as in_area,
             case when u.position is not null and u.position_at > now() - make_interval(mins => ${opts.staleMin})
                  then u.position else s.position end as eff
      from units u join stations s on s.id = u.station_id join centres c on c.id = s.centre_id
      where u.status in (${sql.join(
        ASSIGNABLE_UNIT_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )})
      order by u.position <-> (select position from i)
      limit ${opts.limit ?? 300}
    )
    select near.*, ST_Distance(eff, (select position from i)) as distance_m,
           ST_Y(eff::geometry) as lat, ST_X(eff::geometry) as lon,
           (select ST_Y(position::geometry) from i) as inc_lat, (select ST_X(position::geometry) from i) as inc_lon
      from near`);
  const rows = rowsOf<{
    id: number;
    callsign: string;
    type: string;
    capabilities: string[];
    station_id: number;
    station_name: string;
    status: UnitDto['status'];
    position_at: string | Date | null;
    fresh: boolean;
    in_area: boolean;
    distance_m: number;
    lat: number;
    lon: number;
    inc_lat: number;
    inc_lon: number;
    centre_id: number;
    centre_sl: string;
    centre_en: string;
    mutual_aid: boolean;
  }>(result);
  const candidates: (Candidate & { at: { lat: number; lon: number } })[] = rows.map((r) => ({
    id: r.id,
    callsign: r.callsign,
    type: r.type,
    capabilities: r.capabilities,
    stationId: r.station_id,
    stationName: r.station_name,
    status: r.status,
    distanceM: Math.round(Number(r.distance_m)),
    inServiceArea: r.in_area,
    stale: !r.fresh,
    positionAgeMin: r.position_at
      ? Math.round((Date.now() - new Date(r.position_at).getTime()) / 60_000)
      : null,
    etaS: null,
    roadDistanceM: null,
    centreId: r.centre_id,
    mutualAid: r.mutual_aid,
    centreName: { sl: r.centre_sl, en: r.centre_en },
    at: { lat: Number(r.lat), lon: Number(r.lon) },
  }));
  const first = rows[0];
  const routing = first
    ? await addRoadTravel(
        opts.router ?? null,
        { lat: Number(first.inc_lat), lon: Number(first.inc_lon) },
        candidates,
        needs,
      )
    : { mode: 'straight_line' as const, error: null };
  const byRoad = routing.mode === 'road';

  const straight = (a: Candidate, b: Candidate) =>
    Number(b.inServiceArea) - Number(a.inServiceArea) ||
    Number(a.stale) - Number(b.stale) ||
    a.distanceM - b.distanceM;
  // By road: units without a route (not asked, or none found) after those with one.
  const rank = (a: Candidate, b: Candidate) =>
    !byRoad
      ? straight(a, b)
      : Number(b.inServiceArea) - Number(a.inServiceArea) ||
        Number(a.stale) - Number(b.stale) ||
        (a.etaS ?? Number.POSITIVE_INFINITY) - (b.etaS ?? Number.POSITIVE_INFINITY) ||
        a.distanceM - b.distanceM;

  const chosen = new Set<number>();
  const recommended: Recommendation[] = [];
  const shortfalls: { sl: string; en: string }[] = [];
  // Scarcest capability first: a ladder that can also fight fire goes to the ladder need, and the
  // fire need is met by the many engines around (greedy in need order would send the ladder as an
  // engine and a ladder from 100 km away).
  const scarcity = new Map(
    needs.map((n) => [n, candidates.filter((c) => c.capabilities.includes(n.capability)).length / n.count]),
  );
  const order = [...needs].sort((a, b) => (scarcity.get(a) ?? 0) - (scarcity.get(b) ?? 0));
  for (const need of order) {
    const fit = candidates
      .filter((c) => c.capabilities.includes(need.capability) && !chosen.has(c.id))
      .sort(rank);
    const picked = fit.slice(0, need.count);
    for (const [k, { at: _at, ...c }] of picked.entries()) {
      chosen.add(c.id);
      recommended.push({ ...c, fulfils: need.capability, reason: reasonFor(c, need.capability, k, byRoad) });
    }
    if (picked.length < need.count) {
      const missing = need.count - picked.length;
      shortfalls.push({
        sl: `ni dovolj razpoložljivih enot z zmožnostjo »${capabilityLabel(need.capability, 'sl')}« (manjka ${missing})`,
        en: `no available unit for ${capabilityLabel(need.capability, 'en')}${missing > 1 ? ` (${missing} missing)` : ''}`,
      });
    }
  }
  const needIndex = (cap: string) => needs.findIndex((n) => n.capability === cap);
  recommended.sort((a, b) => needIndex(a.fulfils) - needIndex(b.fulfils));
  for (const c of recommended.filter((r) => r.stale))
    shortfalls.push({
      sl: `${c.callsign}: položaj star ${c.positionAgeMin ?? '?'} min – razdalja od postaje`,
      en: `${c.callsign}: position ${c.positionAgeMin ?? '?'} min old – distance from its station`,
    });
  if (routing.error)
    shortfalls.push({
      sl: `usmerjanje po cestah ni na voljo (${routing.error}) – zračne razdalje`,
      en: `road routing unavailable (${routing.error}) – straight-line distances`,
    });
  const others = candidates
    .filter((c) => !chosen.has(c.id))
    .sort(rank)
    .slice(0, 30)
    .map(({ at: _at, ...c }) => c);
  return { incidentId, needs: wanted, missing: needs, recommended, shortfalls, others, routing };
}

/** Road ETAs for the candidates worth asking about: for each need the 20 best by straight line, then the nearest. */
async function addRoadTravel(
  router: Router | null,
  incident: { lat: number; lon: number },
  candidates: (Candidate & { at: { lat: number; lon: number } })[],
  needs: TNeed[],
): Promise<{ mode: 'road' | 'straight_line'; error: string | null }> {
  if (!router || candidates.length === 0) return { mode: 'straight_line', error: null };
  const byLine = [...candidates].sort(
    (a, b) => Number(b.inServiceArea) - Number(a.inServiceArea) || a.distanceM - b.distanceM,
  );
  const ask = new Set<(typeof candidates)[number]>();
  for (const n of needs)
    for (const c of byLine.filter((x) => x.capabilities.includes(n.capability)).slice(0, 20)) ask.add(c);
  for (const c of byLine) {
    if (ask.size >= MAX_DESTINATIONS) break;
    ask.add(c);
  }
  const list = [...ask].slice(0, MAX_DESTINATIONS);
  try {
    const table = await router.table(
      incident,
      list.map((c) => c.at),
    );
    list.forEach((c, i) => {
      c.etaS = table.durationsS[i] ?? null;
      c.roadDistanceM = table.distancesM[i] ?? null;
    });
    return { mode: 'road', error: null };
  } catch (err) {
    return { mode: 'straight_line', error: err instanceof Error ? err.message : String(err) };
  }
}

function km(m: number): string {
  return m < 1000 ? `${m} m` : `${(m / 1000).toFixed(1)} km`;
}

function minutes(s: number): string {
  return `${Math.max(1, Math.round(s / 60))} min`;
}

function reasonFor(c: Candidate, capability: string, k: number, byRoad: boolean) {
  const word = byRoad ? { sl: 'najhitrejša', en: 'fastest' } : { sl: 'najbližja', en: 'nearest' };
  const nth =
    k === 0
      ? word
      : { sl: `${k + 1}. ${word.sl}`, en: `${k + 1}${k === 1 ? 'nd' : k === 2 ? 'rd' : 'th'} ${word.en}` };
  const area = c.inServiceArea
    ? { sl: 'v območju postaje', en: 'in service area' }
    : { sl: 'izven območja postaje', en: 'outside its service area' };
  const stale = c.stale ? { sl: ', položaj ni svež', en: ', position stale' } : { sl: '', en: '' };
  const aid = c.mutualAid
    ? { sl: `, pomoč sosednje regije (${c.centreName.sl})`, en: `, mutual aid from ${c.centreName.en}` }
    : { sl: '', en: '' };
  const far =
    byRoad && c.etaS !== null
      ? {
          sl: `prihod v ${minutes(c.etaS)}${c.roadDistanceM !== null ? ` (${km(c.roadDistanceM)} po cesti)` : ''}`,
          en: `ETA ${minutes(c.etaS)}${c.roadDistanceM !== null ? ` (${km(c.roadDistanceM)} by road)` : ''}`,
        }
      : byRoad
        ? {
            sl: `${km(c.distanceM)} zračno, brez poti po cesti`,
            en: `${km(c.distanceM)} straight line, no road route`,
          }
        : { sl: km(c.distanceM), en: km(c.distanceM) };
  return {
    sl: `${nth.sl} enota (${capabilityLabel(capability, 'sl')}), ${area.sl}, ${far.sl}${aid.sl}${stale.sl}`,
    en: `${nth.en} unit (${capabilityLabel(capability, 'en')}), ${area.en}, ${far.en}${aid.en}${stale.en}`,
  };
}
