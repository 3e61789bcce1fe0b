import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type AdditionalData,
  preferredLanguage,
  readAdditionalBlock,
} from '../../lib/telephony/additional-data';
import { parseInvite } from '../../lib/telephony/parse-invite';
import { civicText, parsePidfLo } from '../../lib/telephony/pidf-lo';
import { parseSipMessage, uriNumber } from '../../lib/telephony/sip-message';

const doc = (name: string) => readFileSync(`tests/fixtures/standards/pidf-lo/${name}.xml`, 'utf8');

describe('PIDF-LO (RFC 4119, 5491, 5139, 7459)', () => {
  it('reads every RFC 5491 shape with its numbers in metres and degrees', () => {
    const point = parsePidfLo(doc('point'));
    expect(point.shape).toMatchObject({ kind: 'point', center: { lat: -34.407, lon: 150.883 } });
    expect(point.method).toBe('GPS');
    expect(point.doubts).toEqual([]);
    expect(parsePidfLo(doc('circle'))).toMatchObject({
      shape: { kind: 'circle', center: { lat: 42.5463, lon: -73.2512 }, radiusM: 850.24 },
      confidencePct: 67,
      method: 'A-GPS',
    });
    expect(parsePidfLo(doc('ellipse')).shape).toMatchObject({
      kind: 'ellipse',
      semiMajorM: 1275,
      semiMinorM: 670,
      orientationDeg: 43.2,
    });
    expect(parsePidfLo(doc('arcband')).shape).toMatchObject({
      kind: 'arcband',
      center: { lat: -43.5723, lon: 153.2176 },
      innerRadiusM: 3594,
      outerRadiusM: 4148.9,
      startAngleDeg: 20,
      openingAngleDeg: 20,
    });
    const polygon = parsePidfLo(doc('polygon')).shape;
    expect(polygon?.kind).toBe('polygon');
    expect(polygon?.vertices).toHaveLength(7);
    expect(polygon?.vertices?.[1]).toEqual([43.111, -73.322]);
    expect(parsePidfLo(doc('sphere')).shape).toMatchObject({
      kind: 'sphere',
      altitudeM: 26.3,
      radiusM: 850.24,
    });
    expect(parsePidfLo(doc('ellipsoid')).shape).toMatchObject({ kind: 'ellipsoid', semiMajorM: 7.7156 });
    const prism = parsePidfLo(doc('prism')).shape;
    expect(prism?.kind).toBe('prism');
    expect(prism?.vertices?.[0]).toEqual([42.556844, -73.248157]);
  });

  it('reads a civic address into one line a person reads', () => {
    const c = parsePidfLo(doc('civic'));
    expect(c.shape).toBeNull();
    expect(c.civic).toMatchObject({ country: 'AU', A3: 'Wollongong', RD: 'Flinders', PC: '2500' });
    expect(civicText(c.civic ?? {})).toBe(
      "Flinders Street, 2500 Wollongong, Video Rental Store, Westerns and Classics, Corner, Gilligan's Island, AU",
    );
  });

  it('flags instead of guessing: unknown shape, bad coordinate, foreign CRS and units, several locations', () => {
    const wrap = (inner: string) => doc('point').replace(/<gml:Point[\s\S]*<\/gml:Point>/, inner);
    expect(parsePidfLo(wrap('<gs:Hexagon srsName="urn:ogc:def:crs:EPSG::4326"/>')).doubts).toContain(
      'shape_unknown',
    );
    const bad = parsePidfLo(
      wrap('<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>94.1 14.5</gml:pos></gml:Point>'),
    );
    expect(bad.shape).toBeNull();
    expect(bad.doubts).toContain('coordinate_invalid');
    const crs = parsePidfLo(
      wrap('<gml:Point srsName="urn:ogc:def:crs:EPSG::3794"><gml:pos>462000 101000</gml:pos></gml:Point>'),
    );
    expect(crs.doubts).toEqual(expect.arrayContaining(['crs_unknown']));
    expect(crs.shape?.center ?? null).toBeNull();
    const km = parsePidfLo(
      wrap(
        '<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>46.05 14.5</gml:pos><gs:radius uom="urn:ogc:def:uom:EPSG::9036">2</gs:radius></gs:Circle>',
      ),
    );
    expect(km.shape?.center).toEqual({ lat: 46.05, lon: 14.5 });
    expect(km.shape?.radiusM).toBeUndefined();
    expect(km.doubts).toContain('uom_unknown');
    const two = parsePidfLo(
      wrap(
        '<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>46 14</gml:pos></gml:Point><gml:Point><gml:pos>45 13</gml:pos></gml:Point>',
      ),
    );
    expect(two.doubts).toEqual(expect.arrayContaining(['several_locations']));
    expect(two.shape?.center).toEqual({ lat: 46, lon: 14 });
    expect(parsePidfLo('<presence><unclosed').doubts).toEqual(['pidf_unreadable']);
    expect(parsePidfLo('<presence xmlns="urn:ietf:params:xml:ns:pidf"/>').doubts).toEqual([
      'pidf_unreadable',
    ]);
  });
});

describe('the INVITE (RFC 3261, 6442, 3325, 7852)', () => {
  const invite = (headers: string, contentType: string, body: string) =>
    Buffer.from(
      `INVITE urn:service:sos SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1\r\nf: <sip:+38640111222@esinet.test>;tag=a\r\nTo: <urn:service:sos>\r\nCall-ID: c1\r\n${headers}Content-Type: ${contentType}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`,
    );
  const multipart = (parts: { type: string; id?: string; body: string }[]) =>
    `${parts.map((p) => `--b1\nContent-Type: ${p.type}\n${p.id ? `Content-ID: <${p.id}>\n` : ''}\n${p.body}\n`).join('')}--b1--\n`;

  it('reads the asserted identity, the location the Geolocation header names and the additional data', async () => {
    const provider = `<?xml version="1.0"?><EmergencyCallData.ProviderInfo xmlns="urn:ietf:params:xml:ns:EmergencyCallData:ProviderInfo"><DataProviderReference>1</DataProviderReference><DataProviderString>Telekom Slovenije</DataProviderString><ProviderID>293-41</ProviderID><TypeOfProvider>Access Infrastructure Provider</TypeOfProvider><ContactURI>tel:+38614722222</ContactURI><Language>sl</Language></EmergencyCallData.ProviderInfo>`;
    const device = `<?xml version="1.0"?><EmergencyCallData.DeviceInfo xmlns="urn:ietf:params:xml:ns:EmergencyCallData:DeviceInfo"><DataProviderReference>2</DataProviderReference><DeviceClassification>cellular</DeviceClassification><DeviceMfgr>Nokia</DeviceMfgr><DeviceModelNr>3310</DeviceModelNr><UniqueDeviceID TypeOfDeviceID="IMEI">35209900176148</UniqueDeviceID></EmergencyCallData.DeviceInfo>`;
    const subscriber = `<?xml version="1.0"?><EmergencyCallData.SubscriberInfo xmlns="urn:ietf:params:xml:ns:EmergencyCallData:SubscriberInfo" privacyRequested="false"><DataProviderReference>3</DataProviderReference><SubscriberData xmlns="urn:ietf:params:xml:ns:vcard-4.0"><vcards><vcard><fn><text>Simon Perreault</text></fn><lang><parameters><pref><integer>2</integer></pref></parameters><language-tag>en</language-tag></lang><lang><parameters><pref><integer>1</integer></pref></parameters><language-tag>fr</language-tag></lang></vcard></vcards></SubscriberData></EmergencyCallData.SubscriberInfo>`;
    const body = multipart([
      {
        type: 'application/sdp',
        body: 'v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000 RTP/AVP 8',
      },
      { type: 'application/pidf+xml', id: 'loc@esinet.test', body: doc('circle') },
      { type: 'application/EmergencyCallData.ProviderInfo+xml', id: 'p1@esinet.test', body: provider },
      { type: 'application/EmergencyCallData.DeviceInfo+xml', id: 'd1@esinet.test', body: device },
      { type: 'application/EmergencyCallData.SubscriberInfo+xml', id: 's1@esinet.test', body: subscriber },
    ]);
    const p = await parseInvite(
      invite(
        'P-Asserted-Identity: "Simon" <sip:+38640111222@esinet.test;user=phone>\r\nGeolocation: <cid:loc@esinet.test>;inserted-by="esinet.test"\r\nGeolocation-Routing: yes\r\nCall-Info: <cid:p1@esinet.test>;purpose=EmergencyCallData.ProviderInfo, <https://adr.example/sub/1>;purpose=EmergencyCallData.ServiceInfo\r\n',
        'multipart/mixed; boundary=b1',
        body,
      ),
    );
    expect(p).toMatchObject({ caller: '+38640111222', callerName: 'Simon', doubts: [] });
    expect(p.location?.shape).toMatchObject({ kind: 'circle', radiusM: 850.24 });
    expect(p.additional.provider).toMatchObject({ name: 'Telekom Slovenije', id: '293-41', language: 'sl' });
    expect(p.additional.device).toMatchObject({
      classification: 'cellular',
      model: '3310',
      id: '35209900176148',
    });
    expect(p.additional.subscriber).toMatchObject({ name: 'Simon Perreault', languages: ['fr', 'en'] });
    expect(p.additional.references).toEqual([
      { purpose: 'EmergencyCallData.ServiceInfo', uri: 'https://adr.example/sub/1' },
    ]);
    expect(p.language).toBe('fr');
  });

  it('never refuses a call: a broken body, a missing part, a reference and no identity are doubts', async () => {
    const broken = await parseInvite(
      invite('Geolocation: <cid:nothere@x>\r\n', 'multipart/mixed; boundary=zz', 'garbage without parts'),
    );
    expect(broken.caller).toBe('+38640111222');
    expect(broken.doubts).toEqual(expect.arrayContaining(['identity_unasserted']));
    expect(broken.doubts.some((d) => d === 'body_unreadable' || d === 'geolocation_part_missing')).toBe(true);
    const byRef = await parseInvite(
      invite(
        'Geolocation: <https://lis.example/loc/77>\r\nGeolocation: <sip:loc@lis.example>\r\n',
        'application/sdp',
        'v=0',
      ),
    );
    expect(byRef.locationReference).toBe('https://lis.example/loc/77');
    expect(byRef.doubts).toContain('location_reference_unsupported');
    const anonymous = await parseInvite(
      Buffer.from(
        'INVITE urn:service:sos SIP/2.0\r\nFrom: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=1\r\n\r\n',
      ),
    );
    expect(anonymous.caller).toBeNull();
    expect(anonymous.doubts).toContain('identity_missing');
    expect((await parseInvite(Buffer.from('\x00\x01garbage'))).doubts).toContain('message_unreadable');
    const accept = await parseInvite(
      invite('Accept-Language: sl-SI, en;q=0.5\r\n', 'application/sdp', 'v=0'),
    );
    expect(accept.language).toBe('sl-si');
  });

  it('reads SIP headers as RFC 3261 allows them: folded, compact, repeated, comma-separated', () => {
    const m = parseSipMessage(
      Buffer.from(
        'INVITE sip:112@reco SIP/2.0\r\ni: abc\r\nSubject: one\r\n  two\r\nf: <tel:+386-40-111-222>\r\n\r\n',
      ),
    );
    expect(m.headers.get('call-id')).toEqual(['abc']);
    expect(m.headers.get('subject')).toEqual(['one two']);
    expect(uriNumber('tel:+386-40-111-222')).toBe('+38640111222');
    expect(uriNumber('sip:%2B38640111222@x')).toBe('+38640111222');
    expect(uriNumber('sip:anonymous@x')).toBeNull();
  });

  it('takes the preferred language from the subscriber, else Accept-Language', () => {
    const data: AdditionalData = {};
    expect(readAdditionalBlock('<nope/>', data)).toBe(false);
    expect(preferredLanguage(data, 'de-AT;q=1')).toBe('de-at');
    expect(preferredLanguage({ subscriber: { languages: ['hr'] } }, 'de')).toBe('hr');
    expect(preferredLanguage({}, '*')).toBeNull();
  });
});

describe("the SIP edge's endpoint", () => {
  const token = 'edge-token-0123456789';
  it('takes only the token, only from the configured addresses and ranges', async () => {
    const { edgeProblem } = await import('../../lib/telephony/edge-auth');
    const allowed = '127.0.0.1, 10.20.0.0/16, ::1';
    expect(edgeProblem(`Bearer ${token}`, '127.0.0.1', token, allowed)).toBeNull();
    expect(edgeProblem(`Bearer ${token}`, '::ffff:10.20.3.4', token, allowed)).toBeNull();
    expect(edgeProblem(`Bearer ${token}`, '::1', token, allowed)).toBeNull();
    expect(edgeProblem(`Bearer ${token}`, '10.21.0.1', token, allowed)).toBe('address');
    expect(edgeProblem(`Bearer ${token}`, 'unknown', token, allowed)).toBe('address');
    expect(edgeProblem(`Bearer ${token}x`, '127.0.0.1', token, allowed)).toBe('token');
    expect(edgeProblem(null, '127.0.0.1', token, allowed)).toBe('token');
    expect(edgeProblem(token, '127.0.0.1', token, allowed)).toBe('token');
  });
});

describe('PIDF-LO as devices also send it', () => {
  it("reads RFC 4119's own example (gml:location, epsg:4326, coordinates in degrees-minutes-seconds)", () => {
    // RFC 4119 §4 (example), as published.
    const rfc4119 = `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"
    xmlns:gml="urn:opengis:specification:gml:schema-xsd:feature:v3.0" entity="pres:geotarget@example.com">
  <tuple id="sg89ae">
    <status>
      <gp:geopriv>
        <gp:location-info>
          <gml:location>
            <gml:Point gml:id="point1" srsName="epsg:4326">
              <gml:coordinates>37:46:30N 122:25:10W</gml:coordinates>
            </gml:Point>
          </gml:location>
        </gp:location-info>
        <gp:usage-rules>
          <gp:retransmission-allowed>no</gp:retransmission-allowed>
          <gp:retention-expiry>2003-06-23T04:57:29Z</gp:retention-expiry>
        </gp:usage-rules>
      </gp:geopriv>
    </status>
    <timestamp>2003-06-22T20:57:29Z</timestamp>
  </tuple>
</presence>`;
    const loc = parsePidfLo(rfc4119);
    expect(loc.doubts).toEqual([]);
    expect(loc.shape?.kind).toBe('point');
    expect(loc.shape?.center?.lat).toBeCloseTo(37.775, 3);
    expect(loc.shape?.center?.lon).toBeCloseTo(-122.4194, 3);
  });

  it('takes the versioned OGC URNs of the same CRS and units', () => {
    const loc = parsePidfLo(
      doc('circle')
        .replace('urn:ogc:def:crs:EPSG::4326', 'urn:ogc:def:crs:EPSG:6.6:4326')
        .replace('urn:ogc:def:uom:EPSG::9001', 'urn:ogc:def:uom:EPSG:6.6:9001'),
    );
    expect(loc.doubts).toEqual([]);
    expect(loc.shape).toMatchObject({ center: { lat: 42.5463, lon: -73.2512 }, radiusM: 850.24 });
  });
});
