import { describe, expect, it } from 'vitest';
import { parseAnyCoordinates, parseCoordinates } from '../../lib/geo/parse-coordinates';

describe('coordinates typed by a call-taker', () => {
  it.each([
    ['46.0514, 14.506', { lat: 46.0514, lon: 14.506 }],
    ['46.0514,14.506', { lat: 46.0514, lon: 14.506 }],
    ['46.0514; 14.506', { lat: 46.0514, lon: 14.506 }],
    ['46,0514 14,506', { lat: 46.0514, lon: 14.506 }],
    ['  -33.5   151.2 ', { lat: -33.5, lon: 151.2 }],
  ])('reads decimal %s', (text, expected) => {
    expect(parseCoordinates(text)).toEqual(expected);
    expect(parseAnyCoordinates(text)?.format).toBe('decimal');
  });

  const close = (text: string, lat: number, lon: number) => {
    const p = parseAnyCoordinates(text);
    expect(p?.format, text).toBe('dms');
    if (p?.format !== 'dms') return;
    expect(p.lat).toBeCloseTo(lat, 6);
    expect(p.lon).toBeCloseTo(lon, 6);
  };

  it('reads degrees-minutes-seconds as a hiker reads them from a GPS', () => {
    close(`46°03'05.0"N 14°30'21.6"E`, 46 + 3 / 60 + 5 / 3600, 14 + 30 / 60 + 21.6 / 3600);
    close(`N 46 03 05 E 14 30 21.6`, 46 + 3 / 60 + 5 / 3600, 14 + 30 / 60 + 21.6 / 3600);
    close(`46°3.5'N, 14°30.25'E`, 46 + 3.5 / 60, 14 + 30.25 / 60);
    close(`14°30'21.6"E 46°03'05"N`, 46 + 3 / 60 + 5 / 3600, 14 + 30 / 60 + 21.6 / 3600);
    close(`33°52'S 151°12'E`, -(33 + 52 / 60), 151 + 12 / 60);
    close(`46°22'47"N 13°50'12"E`, 46 + 22 / 60 + 47 / 3600, 13 + 50 / 60 + 12 / 3600);
  });

  it.each([
    ['E 462135 N 101271', 462135, 101271],
    ['e=462135.5, n=101271.25', 462135.5, 101271.25],
    ['Y 462135 X 101271', 462135, 101271],
    ['462135 101271', 462135, 101271],
    ['462135, 101271', 462135, 101271],
  ])('reads D96/TM %s', (text, e, n) => {
    expect(parseAnyCoordinates(text)).toEqual({ format: 'd96tm', e, n });
    expect(parseCoordinates(text)).toBeNull();
  });

  it.each([
    '',
    'Ljubljana',
    '91, 14',
    '46, 181',
    '46.1',
    '46.1, 14.5, 3',
    'NaN, 1',
    `46°61'N 14°30'E`,
    '900000 101271',
    `N 46 E 14 N`,
    'x'.repeat(200),
  ])('refuses %j', (text) => {
    expect(parseAnyCoordinates(text)).toBeNull();
  });
});
