import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, request, type Session } from '../helpers/api';
import { rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';
import { FakeGateway } from '../helpers/sms-gateway';
import { TestSocket } from '../helpers/socket';

// The centre's domain databases against real PostGIS: who is on duty for a place and an instant (a
// weekly roster, a shift past midnight, a holiday exception), the nearest defibrillator open at a given
// time of day, hydrants within a radius, imports with bad rows, dangerous goods by orange plate, and
// notifying an on-call service with its acknowledgement on the incident's timeline.

const RUN = Date.now().toString(36);
// Bovec, far from the demo data around the cities: what is found here was imported by this file.
const BOVEC = { lat: 46.338, lon: 13.5522 };
const gw = new FakeGateway();
let server: RunningServer;
let supervisor: Session;
let dispatcher: Session;
let calltaker: Session;
let station: Session;
let db: pg.Client;

beforeAll(async () => {
  await gw.start();
  server = await startServer({
    env: { SMS_GATEWAY_URL: gw.url, SMS_GATEWAY_TOKEN: 'gw-secret', PUBLIC_URL: 'https://cad.example.si' },
  });
  [supervisor, dispatcher, calltaker, station] = await Promise.all([
    login(server.url, 'supervisor'),
    login(server.url, 'dispatcher'),
    login(server.url, 'calltaker'),
    login(server.url, 'st-gb-lj'),
  ]);
  db = await rawClient();
});

afterAll(async () => {
  await db?.end();
  await server?.kill();
  await gw.stop();
});

const key = (s: string) => ({ 'idempotency-key': `${s}-${RUN}` });

async function municipalityId(name: string): Promise<number> {
  const list = await supervisor.get('/api/municipalities');
  const m = list.body.find((x: { name: string }) => x.name === name);
  if (!m) throw new Error(`no municipality ${name}`);
  return m.id;
}

describe('municipalities', () => {
  it("Slovenia's municipalities are there (one per GeoNames first-order division), with their official names", async () => {
    const list = await supervisor.get('/api/municipalities');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThanOrEqual(212);
    expect(new Set(list.body.map((m: { name: string }) => m.name)).size).toBe(list.body.length);
    const names = list.body.map((m: { name: string }) => m.name);
    for (const n of ['Ljubljana', 'Bovec', 'Bohinj', 'Gorje', 'Renče - Vogrsko', 'Loška dolina', 'Ankaran'])
      expect(names).toContain(n);
  });
});

describe('the on-call directory', () => {
  let serviceId: number;
  const code = `EL-BOV-${RUN}`;

  it('a supervisor saves a service with a weekly roster; a call-taker may not', async () => {
    const bovec = await municipalityId('Bovec');
    const body = {
      code,
      name: `Elektro Bovec ${RUN}`,
      kind: 'electricity',
      incidentTypes: ['storm_damage'],
      municipalityIds: [bovec],
      contacts: [{ channel: 'sms', address: '+386 41 000 000' }],
      shifts: [
        // Tuesday day shift, Tuesday night shift past midnight into Wednesday.
        { weekday: 2, starts: '07:00', ends: '15:00', officer: 'Dnevni Dežurni', phone: '+38641000111' },
        { weekday: 2, starts: '15:00', ends: '07:00', officer: 'Nočni Dežurni', phone: '+38641000222' },
      ],
    };
    expect((await calltaker.send('POST', '/api/oncall/services', body, key('svc-ct'))).status).toBe(403);
    const res = await supervisor.send('POST', '/api/oncall/services', body, key('svc'));
    expect(res.status).toBe(200);
    expect(res.body.shifts).toHaveLength(2);
    expect(res.body.municipalities).toEqual([{ id: bovec, name: 'Bovec' }]);
    serviceId = res.body.id;
  });

  it('answers who is on duty for a place at an instant: day shift, the night shift past midnight, nobody', async () => {
    const at = (iso: string) =>
      calltaker.get(
        `/api/oncall/on-duty?lat=${BOVEC.lat}&lon=${BOVEC.lon}&type=storm_damage&at=${encodeURIComponent(iso)}`,
      );
    // Tuesday 1 December 2026, 10:00 in Ljubljana (CET, UTC+1).
    const day = await at('2026-12-01T10:00:00+01:00');
    expect(day.status).toBe(200);
    expect(day.body.municipality).toMatchObject({ name: 'Bovec' });
    const mine = (r: typeof day) => r.body.services.find((s: { code: string }) => s.code === code);
    expect(mine(day)).toMatchObject({
      suggested: true,
      onDuty: { officer: 'Dnevni Dežurni', basis: 'roster' },
    });
    expect(mine(day).onDuty.until).toBe('2026-12-01T14:00:00.000Z');
    // Wednesday 03:00: still Tuesday's night shift.
    const night = await at('2026-12-02T03:00:00+01:00');
    expect(mine(night).onDuty).toMatchObject({ officer: 'Nočni Dežurni', until: '2026-12-02T06:00:00.000Z' });
    // Wednesday 10:00: nobody on the roster; the service is still listed with its own contacts.
    const wed = await at('2026-12-02T10:00:00+01:00');
    expect(mine(wed).onDuty).toBeNull();
    expect(mine(wed).contacts).toEqual([{ channel: 'sms', address: '+386 41 000 000' }]);
    // In Ljubljana the Bovec service does not answer, a national one does.
    const lj = await calltaker.get('/api/oncall/on-duty?lat=46.05&lon=14.5&at=2026-12-01T10:00:00%2B01:00');
    expect(lj.body.services.map((s: { code: string }) => s.code)).not.toContain(code);
    expect(lj.body.services.map((s: { code: string }) => s.code)).toContain('CESTE');
  });

  it('a holiday exception wins over the roster while it lasts, and can be removed', async () => {
    // 29 December 2026 is a Tuesday: a holiday swap for the day shift.
    const ex = await supervisor.send(
      'POST',
      `/api/oncall/services/${serviceId}/exceptions`,
      {
        startsAt: '2026-12-29T07:00:00+01:00',
        endsAt: '2026-12-29T15:00:00+01:00',
        officer: 'Praznični Dežurni',
        phone: '+38641000333',
        reason: 'menjava',
      },
      key('ex'),
    );
    expect(ex.status).toBe(200);
    const q = (iso: string) =>
      calltaker.get(`/api/oncall/on-duty?lat=${BOVEC.lat}&lon=${BOVEC.lon}&at=${encodeURIComponent(iso)}`);
    const during = (await q('2026-12-29T10:00:00+01:00')).body.services.find(
      (s: { code: string }) => s.code === code,
    );
    expect(during.onDuty).toMatchObject({
      officer: 'Praznični Dežurni',
      basis: 'exception',
      reason: 'menjava',
    });
    const after = (await q('2026-12-29T16:00:00+01:00')).body.services.find(
      (s: { code: string }) => s.code === code,
    );
    expect(after.onDuty.officer).toBe('Nočni Dežurni');
    const exId = ex.body.exceptions[0].id;
    const bad = await supervisor.send('POST', `/api/oncall/services/${serviceId}/exceptions`, {
      startsAt: '2026-12-29T15:00:00+01:00',
      endsAt: '2026-12-29T07:00:00+01:00',
      officer: 'X',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('body.endsAt');
    expect(
      (await supervisor.send('DELETE', `/api/oncall/services/${serviceId}/exceptions/${exId}`)).status,
    ).toBe(200);
  });

  it('imports the directory from CSV: bad lines named, good services imported, a re-import changes nothing', async () => {
    const csv = [
      'code,name,kind,municipalities,incident_types,phone,sms,email,webhook,days,starts,ends,officer,officer_phone,officer_email',
      `VO-BOV-${RUN},Vodovod Bovec,water,Bovec;Kobarid,flood,+38653000000,,,,Mo-Fr,07:00,15:00,Ana Voda,+38641000444,`,
      `VO-BOV-${RUN},,,,,,,,,Sa-Su,07:00,07:00,Bor Voda,+38641000555,`,
      `BAD-${RUN},Slaba služba,water,Atlantida,,,,,,Mo,07:00,15:00,X,,`,
      `BAD2-${RUN},Slaba služba 2,water,Bovec,,,,,,Mo,25:00,15:00,Y,,`,
    ].join('\n');
    const first = await request(server.url, 'POST', '/api/oncall/import', {
      raw: csv,
      headers: { cookie: supervisor.cookie, 'content-type': 'text/csv' },
    });
    expect(first.status).toBe(200);
    expect(first.body.imported).toBe(1);
    expect(first.body.rejected).toEqual([
      { line: 4, field: 'municipalities', message: 'no municipality "Atlantida"' },
      expect.objectContaining({ line: 5, field: 'starts' }),
    ]);
    const services = await supervisor.get('/api/oncall/services');
    const vo = services.body.find((s: { code: string }) => s.code === `VO-BOV-${RUN}`);
    expect(vo.shifts).toHaveLength(7);
    expect(vo.municipalities.map((m: { name: string }) => m.name)).toEqual(['Bovec', 'Kobarid']);
    const again = await request(server.url, 'POST', '/api/oncall/import', {
      raw: csv,
      headers: { cookie: supervisor.cookie, 'content-type': 'text/csv' },
    });
    expect(again.body.imported).toBe(1);
    const after = (await supervisor.get('/api/oncall/services')).body.find(
      (s: { code: string }) => s.code === `VO-BOV-${RUN}`,
    );
    expect(after.shifts).toEqual(vo.shifts);
  });
});

function aedFeature(id: number, dLat: number, hours: string | null, extra: Record<string, unknown> = {}) {
  return {
    type: 'Feature',
    id: `node/${id}`,
    properties: {
      '@id': `node/${id}`,
      emergency: 'defibrillator',
      name: `AED ${id}`,
      'defibrillator:location': `Vhod ${id}`,
      ...(hours ? { opening_hours: hours } : {}),
      ...extra,
    },
    geometry: { type: 'Point', coordinates: [BOVEC.lon, BOVEC.lat + dLat] },
  };
}

describe('defibrillators: the nearest one available now', () => {
  // Fixed OpenStreetMap ids: a second run on the same database re-imports (updates) the same nodes.
  const base = 990_000_000;
  const file = () =>
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        aedFeature(base + 1, 0.0004, 'sometimes, ask the barman'),
        aedFeature(base + 2, 0.0008, 'Mo-Fr 08:00-16:00; PH off', { indoor: 'yes' }),
        aedFeature(base + 3, 0.003, '24/7', { indoor: 'no', check_date: '2026-05' }),
        aedFeature(base + 4, 0.001, '24/7', { emergency: 'fire_hydrant' }),
        {
          type: 'Feature',
          properties: { emergency: 'defibrillator' },
          geometry: { type: 'Point', coordinates: [200, 46] },
        },
      ],
    });
  const importAeds = () =>
    request(server.url, 'POST', '/api/domain/import?dataset=aed&format=geojson', {
      raw: file(),
      headers: { cookie: supervisor.cookie, 'content-type': 'application/geo+json' },
    });

  it('imports an OpenStreetMap export, refusing by feature what cannot be used and flagging doubtful hours', async () => {
    const res = await importAeds();
    expect(res.status).toBe(200);
    // A first run inserts, a later run on the same database updates: the same three either way.
    expect(res.body.inserted + res.body.updated).toBe(3);
    expect(res.body.flagged).toBe(1);
    expect(res.body.rejected).toEqual([
      { line: 4, field: 'emergency', message: '"fire_hydrant" is not a defibrillator' },
      expect.objectContaining({ line: 5, field: expect.stringMatching(/^geometry.coordinates/) }),
    ]);
    const again = await importAeds();
    expect(again.body).toMatchObject({ inserted: 0, updated: 3 });
    expect((await dispatcher.send('POST', '/api/domain/import?dataset=aed&format=geojson', {})).status).toBe(
      403,
    );
  });

  const nearest = async (iso: string) =>
    (await calltaker.get(`/api/aeds/nearest?lat=${BOVEC.lat}&lon=${BOVEC.lon}&at=${encodeURIComponent(iso)}`))
      .body;

  it('on a weekday morning the nearest open one is the office AED', async () => {
    const r = await nearest('2026-12-01T10:00:00+01:00');
    expect(r.available[0]).toMatchObject({ name: `AED ${base + 2}`, availability: 'open', indoor: true });
    expect(r.available[0].distanceM).toBeGreaterThan(80);
    expect(r.available[0].distanceM).toBeLessThan(100);
    expect(r.available[0].access).toBe(`Vhod ${base + 2}`);
    // The nearer one with unreadable hours is shown apart, as unknown, flagged.
    expect(r.unavailable[0]).toMatchObject({
      name: `AED ${base + 1}`,
      availability: 'unknown',
      doubts: ['opening_hours_unreadable'],
    });
  });

  it('in the evening and on Christmas Day (a public holiday) only the 24/7 one is available', async () => {
    const evening = await nearest('2026-12-01T20:00:00+01:00');
    expect(evening.available[0]).toMatchObject({ name: `AED ${base + 3}`, lastCheck: '2026-05-01' });
    expect(evening.unavailable.map((a: { name: string }) => a.name)).toContain(`AED ${base + 2}`);
    // 25 December 2026 is a Friday: open by the weekday rule, closed as a holiday.
    const christmas = await nearest('2026-12-25T10:00:00+01:00');
    expect(christmas.available[0].name).toBe(`AED ${base + 3}`);
  });
});

describe('hydrants within a radius', () => {
  it('imports a CSV with WGS84 and D96/TM rows, names the bad line, finds them nearest first', async () => {
    const d96 = await db.query(
      `select round(ST_X(p)::numeric, 2) as e, round(ST_Y(p)::numeric, 2) as n
         from (select ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3794) as p) q`,
      [BOVEC.lon + 0.002, BOVEC.lat],
    );
    const { e, n } = d96.rows[0];
    const csv = [
      'id,kind,ref,lat,lon,e,n,diameter_mm,pressure_bar,flow_lpm,state',
      `h1,pillar,BOV-1,${BOVEC.lat + 0.001},${BOVEC.lon},,,DN100,6,1600,in_service`,
      `h2,underground,BOV-2,95,${BOVEC.lon},,,80,,,`,
      `h3,underground,BOV-3,,,${e},${n},80,4,,in_service`,
      `h4,wall,BOV-4,${BOVEC.lat + 0.02},${BOVEC.lon},,,80,4,,out_of_service`,
      `h5,geyser,BOV-5,${BOVEC.lat - 0.0005},${BOVEC.lon},,,eighty,,,`,
    ].join('\n');
    const res = await request(server.url, 'POST', '/api/domain/import?dataset=water&format=csv', {
      raw: csv,
      headers: { cookie: supervisor.cookie, 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.body.inserted + res.body.updated).toBe(4);
    expect(res.body.flagged).toBe(1);
    expect(res.body.rejected).toEqual([{ line: 3, field: 'lat', message: 'a latitude, -90 to 90' }]);
    const near = await dispatcher.get(`/api/water-sources?lat=${BOVEC.lat}&lon=${BOVEC.lon}&radius=300`);
    expect(near.status).toBe(200);
    const mine = near.body.filter((w: { ref: string }) => w.ref.startsWith('BOV-'));
    expect(mine.map((w: { ref: string }) => w.ref)).toEqual(['BOV-5', 'BOV-1', 'BOV-3']);
    expect(mine[0]).toMatchObject({
      kind: 'other',
      diameterMm: null,
      doubts: ['kind_unknown', 'diameter_unreadable'],
    });
    expect(mine[1]).toMatchObject({ kind: 'pillar', diameterMm: 100, pressureBar: 6, flowLpm: 1600 });
    // The D96/TM row lands where its WGS84 point was (PostGIS both ways): ~153 m east.
    expect(mine[2].distanceM).toBeGreaterThan(145);
    expect(mine[2].distanceM).toBeLessThan(160);
    const bad = await dispatcher.get(`/api/water-sources?lat=91&lon=${BOVEC.lon}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('query.lat');
  });
});

describe('a real export is large', () => {
  it('imports 2,000 hydrants in one GeoJSON file of ~400 kB (past the API’s 64 kB body limit)', async () => {
    const features = Array.from({ length: 2000 }, (_, i) => ({
      type: 'Feature',
      properties: {
        '@id': `node/97${String(i).padStart(7, '0')}`,
        emergency: 'fire_hydrant',
        'fire_hydrant:type': 'underground',
        ref: `OS-${i}`,
      },
      // Around Osilnica, away from the other stories' places.
      geometry: {
        type: 'Point',
        coordinates: [14.69 + (i % 50) * 0.0008, 45.52 + Math.floor(i / 50) * 0.0006],
      },
    }));
    const body = JSON.stringify({ type: 'FeatureCollection', features });
    expect(body.length).toBeGreaterThan(65_536 * 4);
    const res = await request(server.url, 'POST', '/api/domain/import?dataset=water&format=geojson', {
      raw: body,
      headers: { cookie: supervisor.cookie, 'content-type': 'application/geo+json' },
    });
    expect(res.status).toBe(200);
    expect(res.body.inserted + res.body.updated).toBe(2000);
    expect(res.body.rejected).toEqual([]);
    // Other routes keep the small limit.
    const big = await dispatcher.send('POST', '/api/location-notes', {
      lat: 46,
      lon: 14,
      text: 'x'.repeat(70_000),
    });
    expect(big.status).toBe(413);
  });
});

describe('dangerous goods', () => {
  it('reads an orange plate: 33/1203 is gasoline, guide 128, isolate 50 m', async () => {
    const r = await calltaker.get('/api/dangerous-goods?q=33%2F1203');
    expect(r.status).toBe(200);
    expect(r.body.hazard).toMatchObject({
      code: '33',
      valid: true,
      meaning: { en: 'highly flammable liquid or gas' },
    });
    expect(r.body.substances[0]).toMatchObject({
      unNumber: '1203',
      adrClass: '3',
      name: { sl: 'Bencin' },
      guide: { guide: 128, isolateM: 50, largeSpillM: 300, fireM: 800 },
    });
    const chlorine = await calltaker.get('/api/dangerous-goods?q=UN1017');
    expect(chlorine.body.substances[0]).toMatchObject({
      tih: true,
      small: { isolateM: 60, dayKm: 0.3, nightKm: 1.1 },
    });
    const unknown = await calltaker.get('/api/dangerous-goods?q=X423%2F9999');
    expect(unknown.body).toMatchObject({ hazard: { waterReactive: true }, substances: [] });
  });

  it('imports the table from CSV, naming bad lines', async () => {
    const csv = [
      'un_number,name_en,name_sl,adr_class,guide,hazard_ids,tih',
      `3264,Corrosive liquid acidic inorganic n.o.s. ${RUN},Jedka tekočina,8,154,80,no`,
      '12a3,Broken,,3,128,33,',
      '1203,Gasoline bad class,,Z,128,33,',
      '1203,Gasoline bad plate,,3,128,11,',
    ].join('\n');
    const res = await request(server.url, 'POST', '/api/domain/import?dataset=dangerous_goods&format=csv', {
      raw: csv,
      headers: { cookie: supervisor.cookie, 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.body.inserted).toBe(1);
    expect(res.body.rejected.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [3, 'un_number'],
      [4, 'adr_class'],
      [5, 'hazard_ids'],
    ]);
  });
});

describe('an incident in Bovec: notes, substances, hydrants, and the on-call service', () => {
  let incidentId: number;

  beforeAll(async () => {
    const res = await calltaker.send('POST', '/api/incidents', {
      type: 'storm_damage',
      priority: 'yellow',
      description: `Podrt drog daljnovoda ${RUN}`,
      location: { lat: BOVEC.lat, lon: BOVEC.lon, accuracyM: 10, address: 'Trg golobarskih žrtev, Bovec' },
      caller: { phone: '+38641999888', name: 'Test' },
    });
    expect(res.status).toBe(201);
    incidentId = res.body.id;
  });

  it('a location note: a dispatcher writes it, a call-taker may not, and everyone near the place reads it', async () => {
    const note = {
      lat: BOVEC.lat + 0.0002,
      lon: BOVEC.lon,
      radiusM: 60,
      text: `Koda vrat 1234 ${RUN}`,
      severity: 'info',
    };
    expect((await calltaker.send('POST', '/api/location-notes', note, key('n-ct'))).status).toBe(403);
    const saved = await dispatcher.send('POST', '/api/location-notes', note, key('n'));
    expect(saved.status).toBe(200);
    const expired = await dispatcher.send(
      'POST',
      '/api/location-notes',
      { ...note, text: `Poteklo ${RUN}`, validUntil: '2020-01-01' },
      key('n-old'),
    );
    expect(expired.status).toBe(200);
    const near = await calltaker.get(`/api/location-notes?lat=${BOVEC.lat}&lon=${BOVEC.lon}`);
    const texts = near.body.map((n: { text: string }) => n.text);
    expect(texts).toContain(`Koda vrat 1234 ${RUN}`);
    expect(texts).not.toContain(`Poteklo ${RUN}`);
    // Out of its radius: not shown.
    const far = await calltaker.get(`/api/location-notes?lat=${BOVEC.lat + 0.002}&lon=${BOVEC.lon}`);
    expect(far.body.map((n: { text: string }) => n.text)).not.toContain(`Koda vrat 1234 ${RUN}`);
    const events = await db.query(
      `select type, actor from events where type like 'location_note.%' order by seq desc limit 2`,
    );
    expect(events.rows[0]).toMatchObject({ type: 'location_note.saved', actor: 'dispatcher' });
  });

  it('an orange plate on the incident: recorded, on the timeline, and a station it does not concern cannot read it', async () => {
    const add = await dispatcher.send(
      'POST',
      `/api/incidents/${incidentId}/substances`,
      { unNumber: '1203', hazardId: '33', note: 'cisterna' },
      key('sub'),
    );
    expect(add.status).toBe(201);
    expect(add.body.substances[0].guide.isolateM).toBe(50);
    const bad = await dispatcher.send('POST', `/api/incidents/${incidentId}/substances`, {
      unNumber: '12',
      hazardId: 'Q',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'body.hazardId',
      'body.unNumber',
    ]);
    const s = await dispatcher.get(`/api/incidents/${incidentId}/surroundings`);
    expect(s.status).toBe(200);
    expect(s.body.substances).toHaveLength(1);
    expect(s.body.notes.map((n: { text: string }) => n.text)).toContain(`Koda vrat 1234 ${RUN}`);
    expect(s.body.waterSources.some((w: { ref: string }) => w.ref === 'BOV-1')).toBe(true);
    expect((await station.get(`/api/incidents/${incidentId}/surroundings`)).status).toBe(404);
    const detail = await dispatcher.get(`/api/incidents/${incidentId}`);
    expect(detail.body.notes.map((n: { kind: string }) => n.kind)).toContain('substance_added');
  });

  it('notifies the on-call electricity service by SMS; the link in it acknowledges; both on the timeline', async () => {
    const socket = await TestSocket.open(server.url, { cookie: dispatcher.cookie });
    await socket.subscribe(null);
    const oncall = await dispatcher.get(`/api/incidents/${incidentId}/oncall`);
    expect(oncall.status).toBe(200);
    const svc = oncall.body.services.find((s: { code: string }) => s.code === `EL-BOV-${RUN}`);
    expect(svc.suggested).toBe(true);
    expect(
      (
        await calltaker.send('POST', `/api/incidents/${incidentId}/notifications`, {
          serviceId: svc.serviceId,
          channel: 'sms',
        })
      ).status,
    ).toBe(403);
    const sent = await dispatcher.send(
      'POST',
      `/api/incidents/${incidentId}/notifications`,
      { serviceId: svc.serviceId, channel: 'sms', message: 'Podrt drog na cesti.' },
      key('notify'),
    );
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ state: 'sent', channel: 'sms' });
    // A retry with the same key sends nothing more.
    await dispatcher.send(
      'POST',
      `/api/incidents/${incidentId}/notifications`,
      { serviceId: svc.serviceId, channel: 'sms', message: 'Podrt drog na cesti.' },
      key('notify'),
    );
    const sms = gw.sent.filter((m) => m.text.includes('Podrt drog na cesti.'));
    expect(sms).toHaveLength(1);
    expect(sms[0]?.text).toMatch(
      /^Center 112: dogodek \S+, Posledice neurja, Trg golobarskih žrtev, Bovec\./,
    );
    const link = /https:\/\/cad\.example\.si\/ack\/(\S+)/.exec(sms[0]?.text ?? '');
    expect(link).not.toBeNull();
    expect((await socket.event('oncall.notified')).data.notification.id).toBe(sent.body.id);

    const ack = await request(server.url, 'POST', '/api/oncall/acknowledge', {
      body: { token: link?.[1], via: 'link' },
    });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledged).toBe(true);
    const again = await request(server.url, 'POST', '/api/oncall/acknowledge', {
      body: { token: link?.[1], via: 'link' },
    });
    expect(again.body.acknowledgedAt).toBe(ack.body.acknowledgedAt);
    const forged = await request(server.url, 'POST', '/api/oncall/acknowledge', {
      body: { token: 'x'.repeat(32) },
    });
    expect(forged.status).toBe(404);
    expect((await socket.event('oncall.acknowledged')).data.notification).toMatchObject({
      state: 'acknowledged',
      ackVia: 'link',
    });
    socket.close();
    const notes = (await dispatcher.get(`/api/incidents/${incidentId}`)).body.notes;
    const kinds = notes.map((n: { kind: string }) => n.kind);
    expect(kinds).toContain('oncall_notified');
    expect(kinds).toContain('oncall_acknowledged');
  });

  it('a gateway that is down: the failure is recorded for the dispatcher to call instead; a phone call is recorded as confirmed', async () => {
    const svc = (await dispatcher.get(`/api/incidents/${incidentId}/oncall`)).body.services.find(
      (s: { code: string }) => s.code === `EL-BOV-${RUN}`,
    );
    gw.down = true;
    const failed = await dispatcher.send(
      'POST',
      `/api/incidents/${incidentId}/notifications`,
      { serviceId: svc.serviceId, channel: 'sms' },
      key('notify-down'),
    );
    gw.down = false;
    expect(failed.status).toBe(201);
    expect(failed.body).toMatchObject({ state: 'failed', error: 'SMS gateway answered HTTP 503' });
    const noEmail = await dispatcher.send('POST', `/api/incidents/${incidentId}/notifications`, {
      serviceId: svc.serviceId,
      channel: 'email',
    });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.error.fields[0].field).toBe('body.channel');
    const phone = await dispatcher.send(
      'POST',
      `/api/incidents/${incidentId}/notifications`,
      { serviceId: svc.serviceId, channel: 'phone', message: 'Pride v 30 min.' },
      key('notify-phone'),
    );
    expect(phone.body).toMatchObject({ state: 'acknowledged', ackVia: 'phone' });
    // The officer on duty now (the roster has Tuesdays only), else the service's mobile number.
    expect(['+38641000111', '+38641000222', '+386 41 000 000']).toContain(phone.body.address);
  });
});
