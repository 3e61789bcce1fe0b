import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { assignments, incidents, incidentTypes, units } from '../../db/schema';
import { notFound } from '../errors';
import type { TNeed } from '../triage/schemas';
import { ASSIGNABLE_UNIT_STATUSES } from '../units/unit-status-machine';

export interface Candidate {
  id: number;
  callsign: string;
  type: string;
  capabilities: string[];
  stationId: number;
  stationName: string;
  status: string;
  distanceM: number;
  inServiceArea: boolean;
  stale: boolean;
  positionAgeMin: number | null;
}

export interface Recommendation extends Candidate {
  fulfils: string;
  reason: { sl: string; en: string };
}

// Ranking, in this order: (1) fitness: the unit has a capability the incident needs; (2) the incident
// lies in the unit's station's service area (PostGIS ST_Covers); (3) distance, by KNN on the GiST index.
// A unit whose position is older than the stale limit is not trusted: it is measured from its station
// and ranked after units with fresh positions, and the answer says so.
export async function recommendUnits(db: Db, incidentId: number, opts: { staleMin: number; limit?: number }) {
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
    near as (
      select u.id, u.callsign, u.type, u.capabilities, u.station_id, s.name as station_name, u.status,
             u.position_at,
             (u.position is not null and u.position_at > now() - make_interval(mins => ${opts.staleMin})) as fresh,
             coalesce(s.service_area is not null and ST_Covers(s.service_area, (select position from i)), false) as in_area,
             ST_Distance(
               case when u.position is not null and u.position_at > now() - make_interval(mins => ${opts.staleMin})
                    then u.position else s.position end,
               (select position from i)) as distance_m
      from units u join stations s on s.id = u.station_id
      where u.status in (${sql.join(
        ASSIGNABLE_UNIT_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )})
      order by u.position <-> (select position from i)
      limit ${opts.limit ?? 300}
    )
    select * from near`);
  const candidates: Candidate[] = rowsOf<{
    id: number;
    callsign: string;
    type: string;
    capabilities: string[];
    station_id: number;
    station_name: string;
    status: string;
    position_at: string | Date | null;
    fresh: boolean;
    in_area: boolean;
    distance_m: number;
  }>(result).map((r) => ({
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
  }));

  const rank = (a: Candidate, b: Candidate) =>
    Number(b.inServiceArea) - Number(a.inServiceArea) ||
    Number(a.stale) - Number(b.stale) ||
    a.distanceM - b.distanceM;

  const chosen = new Set<number>();
  const recommended: Recommendation[] = [];
  const shortfalls: { sl: string; en: string }[] = [];
  for (const need of needs) {
    const fit = candidates
      .filter((c) => c.capabilities.includes(need.capability) && !chosen.has(c.id))
      .sort(rank);
    const picked = fit.slice(0, need.count);
    for (const [k, c] of picked.entries()) {
      chosen.add(c.id);
      recommended.push({ ...c, fulfils: need.capability, reason: reasonFor(c, need.capability, k) });
    }
    if (picked.length < need.count) {
      const missing = need.count - picked.length;
      shortfalls.push({
        sl: `ni dovolj razpoložljivih enot z zmožnostjo ${need.capability} (manjka ${missing})`,
        en: `no available ${need.capability} unit${missing > 1 ? `s (${missing} missing)` : ''}`,
      });
    }
  }
  for (const c of recommended.filter((r) => r.stale))
    shortfalls.push({
      sl: `${c.callsign}: položaj star ${c.positionAgeMin ?? '?'} min – razdalja od postaje`,
      en: `${c.callsign}: position ${c.positionAgeMin ?? '?'} min old – distance from its station`,
    });
  const others = candidates
    .filter((c) => !chosen.has(c.id))
    .sort(rank)
    .slice(0, 30);
  return { incidentId, needs: wanted, missing: needs, recommended, shortfalls, others };
}

function km(m: number): string {
  return m < 1000 ? `${m} m` : `${(m / 1000).toFixed(1)} km`;
}

function reasonFor(c: Candidate, capability: string, k: number) {
  const nth =
    k === 0
      ? { sl: 'najbližja', en: 'nearest' }
      : { sl: `${k + 1}. najbližja`, en: `${k + 1}${k === 1 ? 'nd' : k === 2 ? 'rd' : 'th'} nearest` };
  const area = c.inServiceArea
    ? { sl: 'v območju postaje', en: 'in service area' }
    : { sl: 'izven območja postaje', en: 'outside its service area' };
  const stale = c.stale ? { sl: ', položaj ni svež', en: ', position stale' } : { sl: '', en: '' };
  return {
    sl: `${nth.sl} enota (${capability}), ${area.sl}, ${km(c.distanceM)}${stale.sl}`,
    en: `${nth.en} ${capability} unit, ${area.en}, ${km(c.distanceM)}${stale.en}`,
  };
}
