import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapRecord, readDate } from '../../lib/geodata/map-records';
import { availability, ljubljanaWallClock } from '../../lib/geodata/opening-hours';
import { readRecords } from '../../lib/geodata/read-records';
import { readHazardId, readPlate } from '../../lib/hazmat/hazard-id';
import { ljubljanaInstant } from '../../lib/i18n/format';
import { parseDays } from '../../lib/oncall/import-services';

describe('the orange plate', () => {
  it('reads hazard identification numbers as ADR 5.3.2.3 does', () => {
    expect(readHazardId('33').meaning.en).toBe('highly flammable liquid or gas');
    expect(readHazardId('30').meaning.sl).toBe('vnetljiva tekočina ali plin');
    expect(readHazardId('268').meaning.en).toBe('gas (pressure or chemical reaction), toxic, corrosive');
    expect(readHazardId('X88')).toMatchObject({ valid: true, waterReactive: true });
    expect(readHazardId('22').meaning.en).toMatch(/refrigerated liquefied gas/);
    expect(readHazardId('90').meaning.en).toMatch(/environmentally hazardous/);
    // A UN number or a lone digit is not a hazard number.
    expect(readHazardId('1203').valid).toBe(false);
    expect(readHazardId('3').valid).toBe(false);
    expect(readHazardId('11').valid).toBe(false);
  });

  it('reads both halves of a plate however it is typed', () => {
    expect(readPlate('33/1203')).toEqual({ hazardId: '33', unNumber: '1203' });
    expect(readPlate(' 33 1203 ')).toEqual({ hazardId: '33', unNumber: '1203' });
    expect(readPlate('x886-1052')).toEqual({ hazardId: 'X886', unNumber: '1052' });
    expect(readPlate('33/UN1203')).toEqual({ hazardId: '33', unNumber: '1203' });
    expect(readPlate('1203')).toBeNull();
    expect(readPlate('33/12')).toBeNull();
  });
});

describe('opening hours in Ljubljana time', () => {
  it('turns an instant into the wall clock in Ljubljana (winter and summer time)', () => {
    const w = ljubljanaWallClock(new Date('2026-12-01T09:30:00Z'));
    expect([w.getHours(), w.getMinutes()]).toEqual([10, 30]);
    const s = ljubljanaWallClock(new Date('2026-07-01T09:30:00Z'));
    expect(s.getHours()).toBe(11);
  });

  it('judges availability, public holidays included, and says unknown when it cannot', () => {
    const office = 'Mo-Fr 08:00-16:00; PH off';
    expect(availability(office, false, new Date('2026-12-01T09:00:00Z'))).toBe('open');
    expect(availability(office, false, new Date('2026-12-01T16:30:00Z'))).toBe('closed');
    // 25 December is a Friday in 2026 and a public holiday in Slovenia.
    expect(availability(office, false, new Date('2026-12-25T09:00:00Z'))).toBe('closed');
    expect(availability(null, true, new Date())).toBe('open');
    expect(availability(null, false, new Date())).toBe('unknown');
    expect(availability('ask the barman', false, new Date())).toBe('unknown');
  });

  it('turns a Ljubljana wall-clock time into an instant, across summer time', () => {
    expect(ljubljanaInstant('2026-12-25', '07:00')).toBe('2026-12-25T06:00:00.000Z');
    expect(ljubljanaInstant('2026-07-01', '07:00')).toBe('2026-07-01T05:00:00.000Z');
    expect(ljubljanaInstant('2026-07-01', '25:00')).toBeNull();
  });
});

describe('roster days in the directory import', () => {
  it('reads English, Slovenian and numeric weekdays, ranges and lists', () => {
    expect(parseDays('Mo-Fr')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('po-pe')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('Sa,Su')).toEqual([6, 7]);
    expect(parseDays('Fr-Mo')).toEqual([1, 5, 6, 7]);
    expect(parseDays('daily')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseDays('3')).toEqual([3]);
    expect(parseDays('someday')).toBeNull();
  });
});

describe('reading location files', () => {
  it('names GeoJSON features it cannot place, and keeps the OpenStreetMap id as the key', () => {
    const recs = readRecords(
      'geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            id: 'node/1',
            properties: { emergency: 'defibrillator' },
            geometry: { type: 'Point', coordinates: [14.5, 46] },
          },
          { type: 'Feature', properties: {}, geometry: null },
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [14.5, 91] } },
          {
            type: 'Feature',
            properties: { '@id': 'way/7' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [14.5, 46],
                  [14.6, 46],
                  [14.6, 46.1],
                  [14.5, 46],
                ],
              ],
            },
          },
        ],
      }),
    );
    expect(recs.map((r) => [r.line, r.key, r.where?.kind ?? r.problem?.field])).toEqual([
      [1, 'osm:node/1', 'wgs84'],
      [2, null, 'geometry'],
      [3, null, 'geometry.coordinates (lat)'],
      [4, 'osm:way/7', 'geometry'],
    ]);
  });

  it('reads CSV rows in WGS84 or D96/TM and names the line of a bad one', () => {
    const recs = readRecords(
      'csv',
      'id,lat,lon,e,n\na,46.05,14.5,,\nb,,,462000,101000\nc,46.05,,,\nd,,,1,1\n',
    );
    expect(recs.map((r) => [r.line, r.where?.kind ?? r.problem?.field])).toEqual([
      [2, 'wgs84'],
      [3, 'd96'],
      [4, 'lon'],
      [5, 'e'],
    ]);
  });

  it('keeps a hydrant whose tags are doubtful, flagged, and refuses what is not a hydrant', () => {
    const rec = (props: Record<string, string>) => ({ line: 1, key: null, props, where: null });
    const odd = mapRecord(
      'water',
      'geojson',
      rec({
        emergency: 'fire_hydrant',
        'fire_hydrant:type': 'mystery',
        'fire_hydrant:diameter': 'DN 80',
        flow_rate: '60 m3/h',
      }),
    );
    expect(odd).toMatchObject({
      ok: true,
      doubts: ['kind_unknown'],
      values: { kind: 'other', diameterMm: 80, flowLpm: 1000 },
    });
    expect(mapRecord('water', 'geojson', rec({ emergency: 'defibrillator' }))).toMatchObject({
      ok: false,
      field: 'emergency',
    });
    const aed = mapRecord(
      'aed',
      'geojson',
      rec({ opening_hours: 'Mo-Fr 08:00-16:00', access: 'private', check_date: '2026-13-01' }),
    );
    expect(aed).toMatchObject({ ok: true, doubts: ['access_restricted', 'date_unreadable'] });
  });

  it('reads dates as people write them', () => {
    expect(readDate('2026-05-02')).toBe('2026-05-02');
    expect(readDate('2026-05')).toBe('2026-05-01');
    expect(readDate('2. 5. 2026')).toBe('2026-05-02');
    expect(readDate('2026-02-30')).toBeNull();
  });
});

describe('OpenStreetMap exports as the tools write them', () => {
  const fixture = (name: string) => readFileSync(`tests/fixtures/standards/osm/${name}`, 'utf8');

  it('reads overpass turbo’s flat properties: the OSM id, the tags, a building mapped as a polygon', () => {
    const recs = readRecords('geojson', fixture('overpass-defibrillators.geojson'));
    expect(recs.map((r) => [r.key, r.where?.kind])).toEqual([
      ['osm:node/4242424201', 'wgs84'],
      ['osm:way/4242424202', 'geometry'],
    ]);
    const [outdoor, office] = recs.map((r) => mapRecord('aed', 'geojson', r));
    expect(outdoor).toMatchObject({
      ok: true,
      doubts: [],
      values: {
        alwaysOpen: true,
        indoor: false,
        access: 'Na zunanji steni gasilskega doma, desno od vrat',
        owner: 'PGD Kobarid',
      },
    });
    expect(office).toMatchObject({ ok: true, doubts: [], values: { indoor: true, lastCheck: '2025-10-03' } });
  });

  it('reads osmtogeojson’s nested tags and type/id', () => {
    const recs = readRecords('geojson', fixture('osmtogeojson-hydrants.geojson'));
    expect(recs.map((r) => r.key)).toEqual(['osm:node/4242424301', 'osm:node/4242424302']);
    const [hydrant, tank] = recs.map((r) => mapRecord('water', 'geojson', r));
    expect(hydrant).toMatchObject({
      ok: true,
      doubts: [],
      values: { kind: 'pillar', diameterMm: 100, pressureBar: null, ref: 'H-17' },
    });
    expect(tank).toMatchObject({ ok: true, values: { kind: 'water_tank' } });
  });
});
