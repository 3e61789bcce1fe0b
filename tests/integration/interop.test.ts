import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CAP_CATEGORIES, CAP_NS } from '../../lib/interop/cap';
import { FIRE_IN_LJUBLJANA, FLOOD_WARNING, login, type Session } from '../helpers/api';
import { serverSuite } from '../helpers/server-suite';
import { child, childNames, DATETIME, type Node, ordered, plain, text } from '../helpers/xml';

// Other systems read the centre in their standards: CAP 1.2 alerts for an incident and public warnings
// (checked element by element against the specification's order and enumerations, parsed back).

const { s: suite } = serverSuite({
  users: ['calltaker', 'dispatcher'],
  env: { CAP_SENDER: 'cad112@reco-lj.si' },
});

async function cap(id: number, who: Session = suite.as.dispatcher) {
  const res = await fetch(`${suite.server.url}/api/incidents/${id}/cap`, { headers: { cookie: who.cookie } });
  return { status: res.status, type: res.headers.get('content-type'), xml: await res.text() };
}

describe('CAP 1.2', () => {
  it('an incident is a valid alert: namespace, element order, enumerations, formats', async () => {
    const inc = await suite.as.calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const { status, type, xml } = await cap(inc.body.id);
    expect(status).toBe(200);
    expect(type).toContain('application/cap+xml');
    const doc = ordered.parse(xml) as Node[];
    const alertNode = doc.find((n) => 'alert' in n) as Node;
    expect(alertNode[':@']?.['@_xmlns']).toBe(CAP_NS);
    const alert = alertNode.alert as Node[];
    // CAP 1.2 §3.2.1: identifier, sender, sent, status, msgType, (source), scope, (restriction),
    // (addresses), (code), (note), (references), (incidents), info*.
    expect(childNames(alert)).toEqual([
      'identifier',
      'sender',
      'sent',
      'status',
      'msgType',
      'scope',
      'restriction',
      'incidents',
      'info',
      'info',
    ]);
    expect(text(alert, 'identifier')).toMatch(/^[^\s,<&]+$/);
    expect(text(alert, 'identifier')).toContain(inc.body.number);
    expect(text(alert, 'sender')).toBe('cad112@reco-lj.si');
    expect(text(alert, 'sent')).toMatch(DATETIME);
    expect(text(alert, 'status')).toBe('Actual');
    expect(text(alert, 'msgType')).toBe('Alert');
    expect(text(alert, 'scope')).toBe('Restricted');

    const p = plain.parse(xml).alert;
    expect(p.info.map((i: { language: string }) => i.language)).toEqual(['sl-SI', 'en-US']);
    const infos = alert.filter((n) => 'info' in n).map((n) => n.info as Node[]);
    for (const info of infos) {
      // §3.2.2: language, category+, event, (responseType), urgency, severity, certainty, (audience),
      // (eventCode), (effective), (onset), (expires), (senderName), (headline), (description), …,
      // (parameter), (resource), (area).
      const names = childNames(info).filter((n, k, all) => n !== 'category' || all[k - 1] !== 'category');
      const parameters = names.filter((n) => n === 'parameter').length;
      expect(names.filter((n) => n !== 'parameter')).toEqual([
        'language',
        'category',
        'event',
        'urgency',
        'severity',
        'certainty',
        'eventCode',
        'senderName',
        'headline',
        'description',
        'area',
      ]);
      expect(parameters).toBe(2);
      expect(names.indexOf('parameter')).toBeGreaterThan(names.indexOf('description'));
      expect(names.indexOf('parameter')).toBeLessThan(names.indexOf('area'));
      expect(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']).toContain(text(info, 'urgency'));
      expect(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']).toContain(text(info, 'severity'));
      expect(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']).toContain(text(info, 'certainty'));
      expect(text(info, 'urgency')).toBe('Immediate');
      expect(text(info, 'severity')).toBe('Severe');
      for (const c of info.filter((n) => 'category' in n))
        expect(CAP_CATEGORIES).toContain(
          String(((c.category as Node[])[0] as Record<string, unknown>)['#text']),
        );
      const area = child(info, 'area');
      expect(childNames(area)).toEqual(['areaDesc', 'circle']);
      expect(text(area, 'areaDesc')).toBe('Prešernov trg 1, Ljubljana');
      // "lat,lon radius" in WGS84 degrees and kilometres.
      expect(text(area, 'circle')).toMatch(/^46\.0514\d*,14\.506\d* 0\.0\d+$/);
    }
    expect(p.info[0].event).toBe('Požar v objektu');
    expect(p.info[1].event).toBe('Building fire');
    expect(p.info[0].category).toEqual(['Fire']);
  });

  it('a change is an Update referencing the first alert; a cancellation is a Cancel', async () => {
    const inc = await suite.as.calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      priority: 'yellow',
    });
    const first = plain.parse((await cap(inc.body.id)).xml).alert;
    const changed = await suite.as.dispatcher.send('PATCH', `/api/incidents/${inc.body.id}`, {
      version: 1,
      priority: 'red',
    });
    expect(changed.status).toBe(200);
    const update = plain.parse((await cap(inc.body.id)).xml).alert;
    expect(update.msgType).toBe('Update');
    expect(update.identifier).not.toBe(first.identifier);
    // references: "sender,identifier,sent" of the earlier message.
    expect(update.references).toBe(`${first.sender},${first.identifier},${first.sent}`);
    const cancelled = await suite.as.dispatcher.send('PATCH', `/api/incidents/${inc.body.id}`, {
      version: changed.body.version,
      status: 'cancelled',
      closeReason: 'lažni klic',
    });
    expect(cancelled.status).toBe(200);
    const cancel = plain.parse((await cap(inc.body.id)).xml).alert;
    expect(cancel.msgType).toBe('Cancel');
    expect(cancel.references).toBe(update.references);
    expect(cancel.info[0].urgency).toBe('Past');
  });

  it('a station reads only incidents it was alerted to; others and unknown ids are 404 alike', async () => {
    const inc = await suite.as.calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA);
    const station = await login(suite.server.url, 'st-pgd-po');
    expect((await cap(inc.body.id, station)).status).toBe(404);
    expect((await cap(99_999_999)).status).toBe(404);
  });
});

describe('public warnings (CAP, scope Public) and the Atom feed', () => {
  const WARNING = FLOOD_WARNING;

  it('a supervisor publishes for a drawn area; the CAP document is public and the feed lists it', async () => {
    const supervisor = await login(suite.server.url, 'supervisor');
    const res = await supervisor.send('POST', '/api/cap/alerts', WARNING);
    expect(res.status).toBe(201);
    const xml = await (await fetch(`${suite.server.url}/api/cap/alerts/${res.body.id}`)).text();
    const doc = ordered.parse(xml) as Node[];
    const alert = (doc.find((n) => 'alert' in n) as Node).alert as Node[];
    expect(childNames(alert)).toEqual([
      'identifier',
      'sender',
      'sent',
      'status',
      'msgType',
      'scope',
      'info',
      'info',
    ]);
    expect(text(alert, 'scope')).toBe('Public');
    const p = plain.parse(xml).alert;
    expect(p.info[1]).toMatchObject({
      language: 'en-US',
      event: 'Floods',
      instruction: 'Move to higher ground.',
    });
    expect(p.info[0].expires).toMatch(DATETIME);
    // CAP polygon: "lat,lon" pairs, closed, at least four.
    const poly = String(p.info[0].area[0].polygon).split(' ');
    expect(poly.length).toBe(5);
    expect(poly[0]).toBe(poly[4]);
    expect(poly[0]).toMatch(/^46\.3\d*,14\.2\d*$/);

    const feed = await fetch(`${suite.server.url}/api/cap/feed`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    const atom = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'entry' }).parse(
      await feed.text(),
    ).feed;
    expect(atom['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    const entry = atom.entry.find((e: { title: string }) => e.title === 'Poplave ob Savi');
    expect(entry.link['@_type']).toBe('application/cap+xml');
    expect(entry.link['@_href']).toContain(`/api/cap/alerts/${res.body.id}`);

    // Cancel: a Cancel message referencing the alert.
    const cancel = await supervisor.send('POST', `/api/cap/alerts/${res.body.id}/cancel`);
    expect(cancel.status).toBe(201);
    const c = plain.parse(
      await (await fetch(`${suite.server.url}/api/cap/alerts/${cancel.body.id}`)).text(),
    ).alert;
    expect(c.msgType).toBe('Cancel');
    expect(c.references).toBe(`${p.sender},${p.identifier},${p.sent}`);
    expect((await supervisor.send('POST', `/api/cap/alerts/${res.body.id}/cancel`)).status).toBe(409);
  });

  it('refuses a self-crossing area and non-supervisors', async () => {
    const supervisor = await login(suite.server.url, 'supervisor');
    const bowtie = await supervisor.send('POST', '/api/cap/alerts', {
      ...WARNING,
      polygon: [
        [46.3, 14.2],
        [46.1, 14.6],
        [46.3, 14.6],
        [46.1, 14.2],
      ],
    });
    expect(bowtie.status).toBe(400);
    expect(bowtie.body.error.fields[0].field).toBe('body.polygon');
    expect((await suite.as.dispatcher.send('POST', '/api/cap/alerts', WARNING)).status).toBe(403);
  });
});
