import type pg from 'pg';
import type { Db } from '../../db/client';
import { nearestAeds, waterSourcesNear } from '../../lib/geodata/nearest';
import { resolveOnDuty } from '../../lib/oncall/resolve-on-duty';
import { record } from './figures';

// 9. The domain databases at a country's scale: 50,000 defibrillators (mixed opening hours) and 50,000
//    hydrants across Slovenia, 2,000 on-call services with weekly rosters and exceptions. Measured in
//    the library (SQL + the opening-hours evaluation), at random points and instants.

const LAT = [45.45, 46.85];
const LON = [13.4, 16.55];
const HOURS = [
  "'24/7'",
  "'Mo-Fr 07:00-19:00; PH off'",
  "'Mo-Sa 08:00-20:00'",
  "'Mo-Fr 08:00-16:00; Sa 08:00-12:00'",
  'null',
];

function rand(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

export async function benchDomain(raw: pg.Client, db: Db): Promise<void> {
  console.log('domain databases at scale');
  await raw.query('select setseed(0.17)');
  await raw.query(`
    insert into aeds (source_key, name, position, opening_hours, always_open, access)
    select 'bench:aed:' || g, 'AED ' || g,
           ST_SetSRID(ST_MakePoint(${LON[0]} + random() * ${(LON[1] as number) - (LON[0] as number)},
                                   ${LAT[0]} + random() * ${(LAT[1] as number) - (LAT[0] as number)}), 4326)::geography,
           h.hours, coalesce(h.hours = '24/7', false), 'Ob vhodu'
      from generate_series(1, 50000) g
      cross join lateral (select (array[${HOURS.join(',')}])[1 + (g % ${HOURS.length})] as hours) h
    on conflict (source_key) do nothing`);
  await raw.query(`
    insert into water_sources (source_key, kind, ref, position, diameter_mm, state)
    select 'bench:h:' || g, (array['underground','pillar','wall'])[1 + g % 3], 'B-' || g,
           ST_SetSRID(ST_MakePoint(${LON[0]} + random() * ${(LON[1] as number) - (LON[0] as number)},
                                   ${LAT[0]} + random() * ${(LAT[1] as number) - (LAT[0] as number)}), 4326)::geography,
           80, 'in_service'
      from generate_series(1, 50000) g
    on conflict (source_key) do nothing`);
  await raw.query(`
    insert into oncall_services (code, name, kind, incident_types, municipality_ids)
    select 'BENCH-' || g, 'Služba ' || g,
           (array['electricity','water','gas','roads','veterinary'])[1 + g % 5],
           array['storm_damage','flood'],
           -- five municipalities per service (correlated with g: drawn anew for each service)
           array(select id from municipalities where g > 0 order by random() limit 5)
      from generate_series(1, 2000) g
    on conflict (code) do nothing`);
  await raw.query(`
    insert into oncall_shifts (service_id, weekday, starts, ends, officer, phone)
    select s.id, d, t.starts, t.ends, 'Dežurni ' || s.id || '-' || d, '+38641000000'
      from oncall_services s cross join generate_series(1, 7) d
      cross join (values (time '07:00', time '15:00'), (time '15:00', time '07:00')) t(starts, ends)
     where s.code like 'BENCH-%'
       and not exists (select 1 from oncall_shifts x where x.service_id = s.id)`);
  await raw.query(`
    insert into oncall_exceptions (service_id, starts_at, ends_at, officer, reason)
    select s.id, now() - interval '1 day' + (s.id % 30) * interval '1 day',
           now() + (s.id % 30) * interval '1 day', 'Namestnik ' || s.id, 'bench'
      from oncall_services s where s.code like 'BENCH-%' and s.id % 4 = 0
       and not exists (select 1 from oncall_exceptions x where x.service_id = s.id)`);
  for (const t of ['aeds', 'water_sources', 'oncall_services', 'oncall_shifts', 'oncall_exceptions'])
    await raw.query(`vacuum analyze ${t}`);
  const counts = (
    await raw.query(
      'select (select count(*) from aeds) a, (select count(*) from water_sources) w, (select count(*) from oncall_services) s',
    )
  ).rows[0];
  console.log(`  ${counts.a} AEDs, ${counts.w} water sources, ${counts.s} services`);

  const r = rand(42);
  const point = () => ({
    lat: (LAT[0] as number) + r() * ((LAT[1] as number) - (LAT[0] as number)),
    lon: (LON[0] as number) + r() * ((LON[1] as number) - (LON[0] as number)),
  });
  // Instants over a week, day and night (opening hours and shifts past midnight both exercised).
  const instant = () => new Date(Date.UTC(2026, 11, 1) + Math.floor(r() * 7 * 24 * 60) * 60_000);
  for (let i = 0; i < 30; i++) await nearestAeds(db, { ...point(), at: instant() });
  const aed: number[] = [];
  const found: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t0 = performance.now();
    const res = await nearestAeds(db, { ...point(), at: instant() });
    aed.push(performance.now() - t0);
    found.push(res.available.length);
  }
  record('nearest 3 AEDs available at an instant, 50k AEDs (SQL + opening hours)', aed, 'p99 < 20');
  const water: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t0 = performance.now();
    await waterSourcesNear(db, { ...point(), radiusM: 500 });
    water.push(performance.now() - t0);
  }
  record('hydrants within 500 m, 50k water sources', water, 'p99 < 10');
  const duty: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t0 = performance.now();
    await resolveOnDuty(db, { ...point(), type: 'storm_damage', at: instant() });
    duty.push(performance.now() - t0);
  }
  record('on-duty resolution for a place and instant, 2,000 services / 28,000 shifts', duty, 'p99 < 20');
  console.log(
    `  AEDs found open per query: mean ${(found.reduce((a, b) => a + b, 0) / found.length).toFixed(2)} of 3`,
  );
}
