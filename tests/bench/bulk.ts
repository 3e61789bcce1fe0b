import type pg from 'pg';
import { OPEN_INCIDENT_STATUSES } from '../../lib/incidents/incident-status';

// Bulk fixtures for the benchmarks, written with set-based SQL (minutes of API calls otherwise).
// Positions are spread over Slovenia's bounding box; they are load, not geography.

const BOX = { w: 13.4, e: 16.55, s: 45.45, n: 46.85 };
const lon = `(${BOX.w} + random() * ${BOX.e - BOX.w})`;
const lat = `(${BOX.s} + random() * ${BOX.n - BOX.s})`;

/** Adds units until there are `total`, spread over the stations; 70 % available, fresh positions. */
export async function bulkUnits(c: pg.Client, total: number): Promise<void> {
  const have = Number((await c.query('select count(*) as n from units')).rows[0].n);
  if (have >= total) return;
  await c.query(
    `insert into units (callsign, type, capabilities, station_id, status, position, position_at)
     select 'BULK-' || (g + $2::int), t.type, t.caps, s.id,
            (array['available','available','available','available','available','available','available',
                   'en_route','on_scene','out_of_service'])[1 + (g % 10)],
            st_setsrid(st_makepoint(${lon}, ${lat}), 4326)::geography, now()
       from generate_series(1, $1::int) g
       cross join lateral (select id from stations order by id offset (g % (select count(*) from stations)) limit 1) s
       cross join lateral (select (array['GVC 16/25','NRV','reanimobil','AL 42','GRS vozilo'])[1 + (g % 5)] as type,
                                  string_to_array((array['fire,water', 'ems', 'ems,physician', 'aerial,fire',
                                                         'mountain_rescue'])[1 + (g % 5)], ',') as caps) t`,
    [total - have, have],
  );
  await c.query('analyze units');
}

/** Adds `open` open incidents and `closed` closed ones. */
export async function bulkIncidents(c: pg.Client, open: number, closed: number): Promise<void> {
  const types = (await c.query('select code from incident_types order by code')).rows.map((r) => r.code);
  const base = Number(
    (await c.query("select count(*) as n from incidents where number like 'B%'")).rows[0].n,
  );
  await c.query(
    `insert into incidents (number, type, priority, status, position, address, description, created_at, closed_at)
     select 'B' || lpad((k + $4::int)::text, 7, '0'), ($3::text[])[1 + (k % cardinality($3::text[]))],
            (array['red','yellow','yellow','green'])[1 + (k % 4)],
            case when k <= $1 then ($5::text[])[1 + (k % 3)] else 'closed' end,
            st_setsrid(st_makepoint(${lon}, ${lat}), 4326)::geography,
            'Testna ulica ' || k, 'Bench incident ' || k,
            now() - (k || ' seconds')::interval,
            case when k <= $1 then null else now() - (k || ' seconds')::interval + interval '40 minutes' end
       from generate_series(1, $1::int + $2::int) k`,
    [open, closed, types, base, OPEN_INCIDENT_STATUSES],
  );
  await c.query('analyze incidents');
}

/** Appends `n` incident.updated events with a realistic payload (about 1 KB each). */
export async function bulkEvents(c: pg.Client, n: number): Promise<void> {
  await c.query(
    `insert into events (type, incident_id, actor, payload)
     select 'incident.updated', i.id, 'bench',
            jsonb_build_object('incident', jsonb_build_object(
              'id', i.id, 'number', i.number, 'type', i.type, 'priority', i.priority, 'status', i.status,
              'location', jsonb_build_object('lat', st_y(i.position::geometry), 'lon', st_x(i.position::geometry),
                                             'address', i.address),
              'description', repeat('Opis dogodka. ', 50), 'version', 2))
       from generate_series(1, $1::int) g
       join (select *, row_number() over (order by id) as rn from (select * from incidents order by id limit 50) x) i
         on i.rn = 1 + (g % 50)`,
    [n],
  );
  await c.query(`select pg_notify('cad_events', (select max(seq) from events)::text)`);
}

/**
 * A year of work in the event log: for `n` incidents of the table, the events the statistics read (only
 * the payload fields they read) —
 * incident.created (with the call's start), alert.created, alert.acknowledged and the unit on scene —
 * at random moments over the last 365 days, with realistic gaps and the unit's station.
 */
export async function bulkYear(c: pg.Client, n: number): Promise<void> {
  await c.query('drop table if exists bench_year');
  await c.query(
    `create temp table bench_year as
     with u as (select id, station_id, row_number() over (order by id) - 1 as k from units),
          nu as (select count(*)::int as c from units)
     select i.id, i.type, i.priority, u.id as unit_id, u.station_id,
            t0, t0 - (20 + random() * 60) * interval '1 s' as call_at,
            t0 + (20 + random() * 120) * interval '1 s' as alert_at,
            random() * 60 + 5 as ack_s, random() * 900 + 120 as scene_s
       from (select id, type, priority, now() - random() * interval '365 days' as t0
               from incidents where number like 'B%' order by id limit $1) i
       cross join nu
       join u on u.k = i.id % nu.c`,
    [n],
  );
  await c.query(
    `insert into events (type, at, incident_id, actor, payload)
     select 'incident.created', t0, id, 'bench',
            jsonb_build_object('incident', jsonb_build_object('id', id, 'type', type, 'priority', priority,
                               'callStartedAt', call_at, 'description', repeat('Opis. ', 20)))
       from bench_year order by t0`,
  );
  await c.query(
    `insert into events (type, at, incident_id, unit_id, station_id, actor, payload)
     select x.type, x.at, y.id, y.unit_id, y.station_id, 'bench', x.payload
       from bench_year y
       cross join lateral (values
         ('alert.created', y.alert_at, jsonb_build_object('alert',
            jsonb_build_object('incidentId', y.id, 'unitId', y.unit_id, 'stationId', y.station_id))),
         ('alert.acknowledged', y.alert_at + y.ack_s * interval '1 s', jsonb_build_object('alert', jsonb_build_object('stationId', y.station_id))),
         ('assignment.updated', y.alert_at + (y.ack_s + y.scene_s) * interval '1 s',
          jsonb_build_object('assignment', jsonb_build_object('incidentId', y.id, 'unitId', y.unit_id,
            'status', 'on_scene'), 'from', 'en_route'))
       ) as x(type, at, payload)
      order by x.at`,
  );
  await c.query('analyze events');
  // The statistics' summary was upserted three times per unit by the appends above (migration 0027's
  // trigger): as after a year of autovacuum, not as right after a bulk load.
  await c.query('vacuum analyze stats_incidents, stats_unit_times');
}
