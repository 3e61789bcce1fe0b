import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import type { ServiceContact } from '../../db/schema';
import type { ServiceKind } from '../../db/schema/enums';
import { pointSql } from '../geo/sql';

// "Who is on duty now for this place and this kind of problem": one answer, in SQL.
// The place's municipality is the one whose imported area covers it, else the one with the nearest
// seat. A service answers for the place when it is national, lists that municipality, or its drawn
// area covers the point. Its officer at instant t is the newest exception covering t, else the weekly
// roster's shift covering t in Europe/Ljubljana wall-clock time (a shift whose end is not after its
// start runs past midnight into the next day), else nobody: the service's own contacts are used.

export interface MunicipalityAt {
  id: number;
  name: string;
  /** area: inside an imported boundary; nearest_seat: the nearest municipal seat (no boundary here). */
  basis: 'area' | 'nearest_seat';
}

export interface OnDuty {
  officer: string;
  phone: string | null;
  email: string | null;
  basis: 'exception' | 'roster';
  reason: string;
  /** When this duty ends (the shift's or the exception's end). */
  until: string;
}

export interface ServiceOnDuty {
  serviceId: number;
  code: string;
  name: string;
  kind: ServiceKind;
  /** The service is listed for the incident's type. */
  suggested: boolean;
  contacts: ServiceContact[];
  handoverStation: string | null;
  onDuty: OnDuty | null;
}

export async function municipalityAt(db: Db, lat: number, lon: number): Promise<MunicipalityAt | null> {
  const p = pointSql(lat, lon);
  const rows = rowsOf<{ id: number; name: string; basis: 'area' | 'nearest_seat' }>(
    await db.execute(sql`
      (select id, name, 'area' as basis from municipalities
        where area is not null and ST_Covers(area, ${p}) limit 1)
      union all
      (select id, name, 'nearest_seat' from municipalities order by centroid <-> ${p} limit 1)
      limit 1`),
  );
  return rows[0] ?? null;
}

interface Row {
  service_id: number;
  code: string;
  name: string;
  kind: ServiceKind;
  suggested: boolean;
  contacts: ServiceContact[];
  handover_station: string | null;
  officer: string | null;
  phone: string | null;
  email: string | null;
  basis: 'exception' | 'roster' | null;
  reason: string | null;
  until: Date | string | null;
}

export async function resolveOnDuty(
  db: Db,
  opts: { lat: number; lon: number; type?: string; kind?: ServiceKind; at?: Date },
): Promise<{ municipality: MunicipalityAt | null; services: ServiceOnDuty[] }> {
  const municipality = await municipalityAt(db, opts.lat, opts.lon);
  const p = pointSql(opts.lat, opts.lon);
  const at = (opts.at ?? new Date()).toISOString();
  const type = opts.type ?? null;
  const rows = rowsOf<Row>(
    await db.execute(sql`
      with t as (select ${at}::timestamptz as at,
                        (${at}::timestamptz at time zone 'Europe/Ljubljana') as local)
      select s.id as service_id, s.code, s.name, s.kind,
             (${type}::text is not null and ${type}::text = any(s.incident_types)) as suggested,
             s.contacts, st.code as handover_station,
             d.officer, d.phone, d.email, d.basis, d.reason, d.until
        from oncall_services s
        cross join t
        left join stations st on st.id = s.handover_station_id
        left join lateral (
          select * from (
            (select e.officer, e.phone, e.email, 'exception' as basis, e.reason, e.ends_at as until, 0 as rank
               from oncall_exceptions e
              where e.service_id = s.id and e.starts_at <= t.at and e.ends_at > t.at
              order by e.created_at desc, e.id desc limit 1)
            union all
            (select sh.officer, sh.phone, sh.email, 'roster', '',
                    (case when sh.ends > sh.starts and sh.weekday = extract(isodow from t.local)
                          then date_trunc('day', t.local) + sh.ends
                          when sh.weekday = extract(isodow from t.local) and t.local::time >= sh.starts
                          then date_trunc('day', t.local) + interval '1 day' + sh.ends
                          else date_trunc('day', t.local) + sh.ends end) at time zone 'Europe/Ljubljana',
                    1
               from oncall_shifts sh
              where sh.service_id = s.id
                and ((sh.ends > sh.starts and sh.weekday = extract(isodow from t.local)
                      and t.local::time >= sh.starts and t.local::time < sh.ends)
                  or (sh.ends <= sh.starts and sh.weekday = extract(isodow from t.local)
                      and t.local::time >= sh.starts)
                  or (sh.ends <= sh.starts and sh.weekday = (extract(isodow from t.local)::int + 5) % 7 + 1
                      and t.local::time < sh.ends))
              order by sh.starts limit 1)
          ) x order by rank limit 1
        ) d on true
       where s.active
         and (${opts.kind ?? null}::text is null or s.kind = ${opts.kind ?? null}::text)
         and (s.national
              or s.municipality_ids @> array[${municipality?.id ?? null}::int]
              or (s.area is not null and ST_Covers(s.area, ${p})))
       order by suggested desc, s.national, s.name`),
  );
  return {
    municipality,
    services: rows.map((r) => ({
      serviceId: r.service_id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      suggested: r.suggested,
      contacts: r.contacts,
      handoverStation: r.handover_station,
      onDuty:
        r.officer && r.basis && r.until
          ? {
              officer: r.officer,
              phone: r.phone,
              email: r.email,
              basis: r.basis,
              reason: r.reason ?? '',
              until: new Date(r.until).toISOString(),
            }
          : null,
    })),
  };
}
