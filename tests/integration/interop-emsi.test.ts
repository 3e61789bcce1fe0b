import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { serverSuite } from '../helpers/server-suite';
import { child, childNames, type Node, ordered } from '../helpers/xml';

// Other systems read the centre in their standards: GeoJSON (RFC 7946) for map data and EMSI
// (ISO/TR 22351) for incidents handed between agencies, both ways.

const { s: suite } = serverSuite({
  users: ['calltaker', 'dispatcher'],
  env: { CAP_SENDER: 'cad112@reco-lj.si' },
});

describe('GeoJSON (RFC 7946)', () => {
  it('incidents: a FeatureCollection of points in lon,lat with properties for GIS', async () => {
    const res = await fetch(`${suite.server.url}/api/incidents.geojson?status=all&limit=50`, {
      headers: { cookie: suite.as.dispatcher.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const fc = await res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.crs).toBeUndefined();
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      const [lon, lat] = f.geometry.coordinates;
      expect(lon).toBeGreaterThan(13);
      expect(lon).toBeLessThan(17);
      expect(lat).toBeGreaterThan(45);
      expect(lat).toBeLessThan(47);
      expect(f.properties).toMatchObject({ number: expect.stringMatching(/^\d{4}-\d{6}$/) });
      expect(typeof f.properties.d96_e).toBe('number');
    }
    const bad = await suite.as.dispatcher.get('/api/incidents.geojson?status=burning');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('query.status');
  });

  it('units: a station gets its own units only', async () => {
    const station = await login(suite.server.url, 'station');
    const res = await fetch(`${suite.server.url}/api/units.geojson`, { headers: { cookie: station.cookie } });
    const fc = await res.json();
    expect(fc.features.length).toBeGreaterThan(0);
    expect(
      new Set(fc.features.map((f: { properties: { station: string } }) => f.properties.station)),
    ).toEqual(new Set(['Gasilska brigada Ljubljana']));
    const all = await (
      await fetch(`${suite.server.url}/api/units.geojson`, {
        headers: { cookie: suite.as.dispatcher.cookie },
      })
    ).json();
    expect(all.features.length).toBeGreaterThan(fc.features.length);
  });
});

const emsiParser = new XMLParser({
  parseTagValue: false,
  isArray: (n) => ['RESOURCE', 'MISSION'].includes(n),
});

async function postEmsi(xml: string, who: Session = suite.as.dispatcher, type = 'application/xml') {
  const res = await fetch(`${suite.server.url}/api/emsi`, {
    method: 'POST',
    headers: { cookie: who.cookie, 'content-type': type, origin: suite.server.url },
    body: xml,
  });
  return { status: res.status, body: await res.json() };
}

/** ISO-8859-2 for the characters the test uses (ASCII plus Slovenian letters). */
class TextEncoderIso88592 {
  private static readonly MAP: Record<string, number> = {
    Š: 0xa9,
    š: 0xb9,
    Č: 0xc8,
    č: 0xe8,
    Ž: 0xae,
    ž: 0xbe,
  };
  encode(s: string): Uint8Array {
    return Uint8Array.from([...s].map((ch) => TextEncoderIso88592.MAP[ch] ?? ch.charCodeAt(0)));
  }
}

function partnerMessage(contextId: string, msgType: string, eventId: string, extra = '') {
  return `<?xml version="1.0" encoding="UTF-8"?>
<EMSI>
  <CONTEXT><ID>${contextId}</ID><MODE>ACTUAL</MODE><MSGTYPE>${msgType}</MSGTYPE><CREATION>2026-11-27T18:00:00Z</CREATION>
    <LEVEL>OPR</LEVEL><SECLASS>RESTRC</SECLASS><ORIGIN><ORG_ID>reco-kr.si</ORG_ID><NAME>ReCO Kranj</NAME></ORIGIN></CONTEXT>
  <EVENT><ID>${eventId}</ID><NAME>Prometna nesreča</NAME><ETYPE><CATEGORY>/TRP/COL</CATEGORY></ETYPE><SCALE>2</SCALE>
    <STATUS>IPR</STATUS>
    <EGEO><TYPE>GEN</TYPE><POSITION><COORD><LAT>46.2389</LAT><LON>14.3556</LON></COORD><ADDRESS>Bleiweisova cesta, Kranj</ADDRESS></POSITION></EGEO>
    <FREETEXT>Dve vozili, ena oseba ukleščena &amp; potrebna tehnična pomoč${extra}</FREETEXT></EVENT>
</EMSI>`;
}

describe('EMSI (ISO/TR 22351)', () => {
  it('exports an incident with its resources and missions, in the EMSI structure', async () => {
    const inc = await suite.as.calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const units = (await suite.as.dispatcher.get('/api/units?near=46.0514,14.506')).body as {
      id: number;
      status: string;
      capabilities: string[];
    }[];
    const unit = units.find((u) => u.status === 'available' && u.capabilities.includes('fire'));
    expect(
      (
        await suite.as.dispatcher.send('POST', `/api/incidents/${inc.body.id}/assignments`, {
          unitId: unit?.id,
        })
      ).status,
    ).toBe(201);
    const res = await fetch(`${suite.server.url}/api/incidents/${inc.body.id}/emsi`, {
      headers: { cookie: suite.as.dispatcher.cookie },
    });
    expect(res.status).toBe(200);
    const xml = await res.text();
    const doc = ordered.parse(xml) as Node[];
    const root = (doc.find((n) => 'EMSI' in n) as Node).EMSI as Node[];
    expect(childNames(root)).toEqual(['CONTEXT', 'EVENT', 'RESOURCE', 'MISSION']);
    expect(childNames(child(root, 'CONTEXT'))).toEqual([
      'ID',
      'MODE',
      'MSGTYPE',
      'CREATION',
      'LINK',
      'LEVEL',
      'SECLASS',
      'ORIGIN',
      'URGENCY',
    ]);
    const e = emsiParser.parse(xml).EMSI;
    expect(e.CONTEXT).toMatchObject({
      MODE: 'ACTUAL',
      MSGTYPE: 'UPDATE',
      LEVEL: 'OPR',
      SECLASS: 'RESTRC',
      URGENCY: 'URGENT',
    });
    expect(e.CONTEXT.LINK.ROLE).toBe('ADDSTO');
    expect(e.EVENT).toMatchObject({ ID: inc.body.number, STATUS: 'IPR', SCALE: '3', SOURCE: 'HUMOBS' });
    expect(e.EVENT.ETYPE.CATEGORY).toBe('/FIR/BLD');
    expect(Number(e.EVENT.EGEO.POSITION.COORD.LAT)).toBeCloseTo(46.0514, 4);
    // Codes where codes belong: a full class path, characteristics and the mission type as codes;
    // the centre's own vehicle type is free text.
    expect(e.RESOURCE[0]).toMatchObject({ STATUS: 'IN_USE', RTYPE: { CLASS: 'VEH/GRD/FIRE' } });
    expect([e.RESOURCE[0].RTYPE.CHARACTERISTICS].flat()).toContain('FF');
    expect(e.RESOURCE[0].FREETEXT).toBeTruthy();
    expect(e.MISSION[0]).toMatchObject({ TYPE: 'FF', STATUS: 'NST', RESOURCE_ID: e.RESOURCE[0].ID });
    expect(e.MISSION[0].START_TIME).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('imports a partner ALERT once, then its UPDATE and CANCEL', async () => {
    const run = Date.now().toString(36);
    const alert = await postEmsi(partnerMessage(`kr-${run}-1`, 'ALERT', `KR-${run}`));
    expect(alert.status).toBe(201);
    const id = alert.body.incidentId;
    const created = (await suite.as.dispatcher.get(`/api/incidents/${id}`)).body;
    expect(created).toMatchObject({ type: 'traffic_accident', priority: 'yellow', status: 'new' });
    expect(created.description).toContain('ukleščena & potrebna');
    expect(created.location.address).toBe('Bleiweisova cesta, Kranj');
    expect(created.notes[0].text).toContain('EMSI ALERT');
    // The same message again: nothing new.
    const again = await postEmsi(partnerMessage(`kr-${run}-1`, 'ALERT', `KR-${run}`));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, incidentId: id });
    const update = await postEmsi(
      partnerMessage(`kr-${run}-2`, 'UPDATE', `KR-${run}`, ', gori motor').replace(
        '<SCALE>2</SCALE>',
        '<SCALE>4</SCALE>',
      ),
    );
    expect(update.status).toBe(201);
    expect(update.body.incidentId).toBe(id);
    const updated = (await suite.as.dispatcher.get(`/api/incidents/${id}`)).body;
    expect(updated.priority).toBe('red');
    expect(updated.description).toContain('gori motor');
    // An UPDATE with only free text changes the text and nothing else: the red incident stays red.
    const textOnly = await postEmsi(
      partnerMessage(`kr-${run}-2b`, 'UPDATE', `KR-${run}`, ', voznik je zunaj')
        .replace('<SCALE>2</SCALE>', '')
        .replace(/<ETYPE>.*<\/ETYPE>/, '')
        .replace(/<EGEO>[\s\S]*<\/EGEO>/, ''),
    );
    expect(textOnly.status).toBe(201);
    const after = (await suite.as.dispatcher.get(`/api/incidents/${id}`)).body;
    expect(after).toMatchObject({ priority: 'red', type: 'traffic_accident' });
    expect(after.location.address).toBe('Bleiweisova cesta, Kranj');
    expect(after.description).toContain('voznik je zunaj');
    const cancel = await postEmsi(partnerMessage(`kr-${run}-3`, 'CANCEL', `KR-${run}`));
    expect(cancel.status).toBe(201);
    expect((await suite.as.dispatcher.get(`/api/incidents/${id}`)).body.status).toBe('cancelled');
  });

  it('our own export reads back as an incident', async () => {
    const inc = await suite.as.calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      type: 'flood',
      priority: 'green',
    });
    const xml = await (
      await fetch(`${suite.server.url}/api/incidents/${inc.body.id}/emsi`, {
        headers: { cookie: suite.as.dispatcher.cookie },
      })
    ).text();
    const imported = await postEmsi(xml.replace(/<ORG_ID>[^<]*<\/ORG_ID>/, '<ORG_ID>mirror.test</ORG_ID>'));
    expect(imported.status).toBe(201);
    const copy = (await suite.as.dispatcher.get(`/api/incidents/${imported.body.incidentId}`)).body;
    expect(copy).toMatchObject({ type: 'flood', priority: 'green' });
    expect(copy.location.lat).toBeCloseTo(46.0514, 4);
  });

  it('reads a prefixed namespace, an area of several COORD, ISO-8859-2, and keeps all it carries', async () => {
    const run = Date.now().toString(36);
    const xml = `<?xml version="1.0" encoding="ISO-8859-2"?>
<emsi:EMSI xmlns:emsi="urn:example:emsi">
  <emsi:CONTEXT><emsi:ID>ns-${run}</emsi:ID><emsi:MODE>ACTUAL</emsi:MODE><emsi:MSGTYPE>ALERT</emsi:MSGTYPE>
    <emsi:ORIGIN><emsi:ORG_ID>reco-ce.si</emsi:ORG_ID><emsi:NAME>ReCO Celje</emsi:NAME></emsi:ORIGIN>
    <emsi:EXTERNAL_INFO><emsi:FREETEXT>Posnetek drona</emsi:FREETEXT><emsi:URI>https://example.org/dron/1</emsi:URI></emsi:EXTERNAL_INFO>
    <emsi:URGENCY>URGENT</emsi:URGENCY></emsi:CONTEXT>
  <emsi:EVENT><emsi:ID>CE-${run}</emsi:ID><emsi:NAME>Poplava Šoštanj</emsi:NAME>
    <emsi:ETYPE><emsi:CATEGORY>/NAT/FLD</emsi:CATEGORY><emsi:ACTOR>/PPL/CHILD</emsi:ACTOR><emsi:LOCTYPE>/RES/HOUSE</emsi:LOCTYPE></emsi:ETYPE>
    <emsi:SCALE>3</emsi:SCALE>
    <emsi:CASUALTIES><emsi:CONTEXT>ESTIM</emsi:CONTEXT><emsi:TRIAGERED>2</emsi:TRIAGERED><emsi:TRIAGEGREEN>5</emsi:TRIAGEGREEN><emsi:MISSING>1</emsi:MISSING></emsi:CASUALTIES>
    <emsi:EVAC><emsi:EVACUATED>40</emsi:EVACUATED></emsi:EVAC>
    <emsi:EGEO><emsi:TYPE>GEN</emsi:TYPE><emsi:POSITION><emsi:TYPE>SURFACE</emsi:TYPE>
      <emsi:COORD><emsi:LAT>46.36</emsi:LAT><emsi:LON>15.04</emsi:LON></emsi:COORD>
      <emsi:COORD><emsi:LAT>46.38</emsi:LAT><emsi:LON>15.04</emsi:LON></emsi:COORD>
      <emsi:COORD><emsi:LAT>46.38</emsi:LAT><emsi:LON>15.08</emsi:LON></emsi:COORD>
      <emsi:COORD><emsi:LAT>46.36</emsi:LAT><emsi:LON>15.08</emsi:LON></emsi:COORD>
      <emsi:ADDRESS>Šoštanj, ob Paki</emsi:ADDRESS></emsi:POSITION></emsi:EGEO>
    <emsi:FREETEXT>Voda v pritličjih, čoln potreben</emsi:FREETEXT></emsi:EVENT>
  <emsi:RESOURCE><emsi:RTYPE><emsi:CLASS>VEH/SEA/BOAT</emsi:CLASS></emsi:RTYPE><emsi:ID>PGD-SO-1</emsi:ID><emsi:NAME>Čoln PGD Šoštanj</emsi:NAME><emsi:STATUS>AVAILB</emsi:STATUS></emsi:RESOURCE>
  <emsi:MISSION><emsi:TYPE>SAR</emsi:TYPE><emsi:ID>m-1</emsi:ID><emsi:NAME>Iskanje pogrešanega</emsi:NAME><emsi:STATUS>IPR</emsi:STATUS></emsi:MISSION>
</emsi:EMSI>`;
    const res = await fetch(`${suite.server.url}/api/emsi`, {
      method: 'POST',
      headers: {
        cookie: suite.as.dispatcher.cookie,
        'content-type': 'application/xml',
        origin: suite.server.url,
      },
      body: new Blob([new Uint8Array(new TextEncoderIso88592().encode(xml))]),
    });
    expect(res.status).toBe(201);
    const { incidentId } = await res.json();
    const inc = (await suite.as.dispatcher.get(`/api/incidents/${incidentId}`)).body;
    expect(inc).toMatchObject({ type: 'flood', priority: 'red' });
    expect(inc.description).toBe('Poplava Šoštanj – Voda v pritličjih, čoln potreben');
    expect(inc.location.address).toBe('Šoštanj, ob Paki');
    // The area's centre; the corners are on the timeline.
    expect(inc.location.lat).toBeCloseTo(46.37, 6);
    expect(inc.location.lon).toBeCloseTo(15.06, 6);
    const note = inc.notes.map((n: { text: string }) => n.text).join('\n');
    for (const carried of [
      'Območje (4 točk)',
      'Ponesrečeni (ESTIM): rdeči 2, zeleni 5, pogrešani 1',
      'Evakuacija: evakuirani 40',
      'Udeleženi (ACTOR): /PPL/CHILD',
      'Vrsta kraja (LOCTYPE): /RES/HOUSE',
      'Sredstvo partnerja: Čoln PGD Šoštanj (VEH/SEA/BOAT, AVAILB)',
      'Naloga partnerja: SAR Iskanje pogrešanega (IPR)',
      'Zunanji vir: https://example.org/dron/1 – Posnetek drona',
    ])
      expect(note).toContain(carried);
  });

  it('exports a cancelled incident as cancelled, not "under control"', async () => {
    const inc = await suite.as.calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const cancelled = await suite.as.dispatcher.send(
      'POST',
      `/api/incidents/${inc.body.id}/cancel`,
      { version: inc.body.version, reason: 'Lažni klic' },
      { 'idempotency-key': `cancel-${inc.body.id}` },
    );
    expect(cancelled.status).toBe(200);
    const xml = await (
      await fetch(`${suite.server.url}/api/incidents/${inc.body.id}/emsi`, {
        headers: { cookie: suite.as.dispatcher.cookie },
      })
    ).text();
    const e = emsiParser.parse(xml).EMSI;
    expect(e.CONTEXT.MSGTYPE).toBe('CANCEL');
    expect(e.EVENT.STATUS).toBe('CANCLD');
  });

  it('refuses what it cannot read, naming the field', async () => {
    const broken = await postEmsi('<EMSI><CONTEXT>');
    expect(broken.status).toBe(400);
    const noPos = await postEmsi(
      partnerMessage(`np-${Date.now()}`, 'ALERT', `NP-${Date.now()}`).replace(/<EGEO>.*<\/EGEO>/s, ''),
    );
    expect(noPos.status).toBe(400);
    expect(noPos.body.error.fields[0].field).toBe('body.EMSI.EVENT.EGEO');
    const badType = await postEmsi(partnerMessage('x', 'PANIC', 'y'));
    expect(badType.status).toBe(400);
    expect(badType.body.error.fields[0].field).toBe('body.EMSI.CONTEXT.MSGTYPE');
    expect(
      (await postEmsi(partnerMessage('j', 'ALERT', 'k'), suite.as.dispatcher, 'application/json')).status,
    ).toBe(415);
    expect((await postEmsi(partnerMessage('c', 'ALERT', 'd'), suite.as.calltaker)).status).toBe(403);
  });
});
