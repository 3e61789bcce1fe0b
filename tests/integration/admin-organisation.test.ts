import { describe, expect, it } from 'vitest';
import { login, sessionFor } from '../helpers/api';
import { serverSuite } from '../helpers/server-suite';
import { TestSocket } from '../helpers/socket';

// A supervisor administers the centre's organisation: stations with their areas, units, the knowledge
// base, incident types and integration tokens. Every change is validated field by field and audited.

const { s: suite, lastEvent } = serverSuite({ users: ['supervisor'] });
const tag = Date.now().toString(36);

describe('stations, units, knowledge base, incident types', () => {
  const area = [
    [46.1, 14.4],
    [46.1, 14.6],
    [46.0, 14.6],
    [46.0, 14.4],
  ];

  it('a station is added with a service area drawn on the map; a self-crossing area is refused', async () => {
    const res = await suite.as.supervisor.send('POST', '/api/stations', {
      code: `pgd-${tag}`.slice(0, 20),
      name: 'PGD Test',
      agency: 'fire',
      address: 'Gasilska 1',
      position: { lat: 46.05, lon: 14.5 },
      serviceArea: area,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.code).toBe(`PGD-${tag}`.toUpperCase().slice(0, 20));
    expect(res.body.serviceArea.type).toBe('Polygon');
    const covers = await suite.raw.query(
      `select ST_Covers(service_area, ST_GeogFromText('POINT(14.5 46.05)')) as c from stations where id = $1`,
      [res.body.id],
    );
    expect(covers.rows[0].c).toBe(true);
    const bow = await suite.as.supervisor.send('PATCH', `/api/stations/${res.body.id}`, {
      serviceArea: [
        [46.1, 14.4],
        [46.0, 14.6],
        [46.1, 14.6],
        [46.0, 14.4],
      ],
    });
    expect(bow.status).toBe(400);
    expect(bow.body.error.fields[0].field).toBe('body.serviceArea');
    const moved = await suite.as.supervisor.send('PATCH', `/api/stations/${res.body.id}`, {
      name: 'PGD Test Center',
      serviceArea: null,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ name: 'PGD Test Center', serviceArea: null });
    const ev = await lastEvent('station.saved');
    expect(ev.payload.before.name).toBe('PGD Test');
    expect(
      (
        await suite.as.supervisor.send('POST', '/api/stations', {
          code: 'GB-LJ',
          name: 'x',
          agency: 'fire',
          position: { lat: 46, lon: 14 },
        })
      ).status,
    ).toBe(409);
    const world = await suite.as.supervisor.send('POST', '/api/stations', {
      code: 'OUT',
      name: 'x',
      agency: 'nope',
      position: { lat: 91, lon: 181 },
    });
    expect(world.status).toBe(400);
    expect(world.body.error.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['body.position.lat', 'body.position.lon']),
    );
  });

  it('a unit is added at its station, shows live on a dispatcher socket, and is not moved while on an incident', async () => {
    const disp = await login(suite.server.url, 'dispatcher');
    const ws = await TestSocket.open(suite.server.url, { cookie: disp.cookie });
    await ws.subscribe(null);
    const gb = (await suite.raw.query(`select id from stations where code = 'GB-LJ'`)).rows[0].id;
    const mb = (await suite.raw.query(`select id from stations where code = 'GB-MB'`)).rows[0].id;
    const res = await suite.as.supervisor.send('POST', '/api/units', {
      callsign: `gb-lj-t${tag}`.slice(0, 30),
      type: 'GVC 16/25',
      capabilities: ['fire', 'water', 'fire'],
      stationId: gb,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'available', capabilities: ['fire', 'water'], stationId: gb });
    expect(res.body.position).not.toBeNull();
    const frame = await ws.event('unit.updated', (f) => f.data.unit.id === res.body.id);
    expect(frame).toBeTruthy();
    await ws.close();
    const inc = await (await login(suite.server.url, 'calltaker')).send('POST', '/api/incidents', {
      type: 'fire_building',
      priority: 'red',
      location: { lat: 46.05, lon: 14.5 },
    });
    expect(
      (await disp.send('POST', `/api/incidents/${inc.body.id}/assignments`, { unitId: res.body.id })).status,
    ).toBe(201);
    const move = await suite.as.supervisor.send('PATCH', `/api/units/${res.body.id}`, { stationId: mb });
    expect(move.status).toBe(409);
    expect(move.body.error.fields[0].field).toBe('body.stationId');
    const retype = await suite.as.supervisor.send('PATCH', `/api/units/${res.body.id}`, {
      type: 'GVC 24/50',
    });
    expect(retype.status).toBe(200);
    expect(retype.body.version).toBeGreaterThan(res.body.version);
    expect(
      (await suite.as.supervisor.send('PATCH', `/api/units/${res.body.id}`, { capabilities: ['Fire!'] })).body
        .error.fields[0].field,
    ).toBe('body.capabilities.0');
  });

  it('a knowledge-base article is written, found by the call-takers’ search, and edited with its old text audited', async () => {
    const slug = `test-article-${tag}`;
    const body = {
      kind: 'procedure',
      title: { sl: `Požar v predoru ${tag}`, en: `Tunnel fire ${tag}` },
      body: { sl: 'Zapri predor, pokliči upravljavca.', en: 'Close the tunnel, call the operator.' },
      incidentTypes: ['fire_building'],
    };
    expect((await suite.as.supervisor.send('PUT', `/api/kb/${slug}`, body)).body.created).toBe(true);
    const ct = await login(suite.server.url, 'calltaker');
    const found = await ct.get(`/api/kb?q=${encodeURIComponent(`pozar predoru ${tag}`)}`);
    expect(found.body.map((a: { slug: string }) => a.slug)).toContain(slug);
    const edited = await suite.as.supervisor.send('PUT', `/api/kb/${slug}`, {
      ...body,
      body: { ...body.body, sl: 'Nova navodila.' },
    });
    expect(edited.body.created).toBe(false);
    expect((await lastEvent('kb_article.saved')).payload.before.body.sl).toBe(
      'Zapri predor, pokliči upravljavca.',
    );
    expect((await suite.as.supervisor.send('PUT', '/api/kb/Bad_Slug', body)).body.error.fields[0].field).toBe(
      'slug',
    );
    expect(
      (await suite.as.supervisor.send('PUT', `/api/kb/${slug}`, { ...body, kind: 'poem' })).body.error
        .fields[0].field,
    ).toBe('body.kind');
  });
});

describe('API tokens', () => {
  it('the secret is shown once, stored hashed, works until revoked; revoking closes its socket', async () => {
    const res = await suite.as.supervisor.send('POST', '/api/tokens', {
      name: `terminal-${tag}`,
      role: 'dispatcher',
    });
    expect(res.status).toBe(201);
    const secret: string = res.body.token;
    expect(secret).toMatch(/^cad_/);
    const stored = await suite.raw.query('select token_hash from api_tokens where id = $1', [res.body.id]);
    expect(stored.rows[0].token_hash).not.toContain(secret);
    const list = await suite.as.supervisor.get('/api/tokens');
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.find((t: { id: number }) => t.id === res.body.id)).toMatchObject({
      createdBy: 'supervisor',
      revokedAt: null,
    });
    expect(JSON.stringify((await lastEvent('api_token.created')).payload)).not.toContain(secret);
    const integ = sessionFor(suite.server.url, '', 'dispatcher', secret);
    expect((await integ.get('/api/me')).status).toBe(200);
    const ws = await TestSocket.open(suite.server.url, { authorization: `Bearer ${secret}` });
    await ws.subscribe(null);
    const rev = await suite.as.supervisor.send('POST', `/api/tokens/${res.body.id}/revoke`);
    expect(rev.status).toBe(200);
    expect(rev.body.revokedAt).not.toBeNull();
    expect((await integ.get('/api/me')).status).toBe(401);
    await expect.poll(() => ws.closed?.code, { timeout: 3000 }).toBe(4401);
    const station = await suite.as.supervisor.send('POST', '/api/tokens', {
      name: 'alerting',
      role: 'station',
    });
    expect(station.body.error.fields[0].field).toBe('body.stationId');
  });
});
