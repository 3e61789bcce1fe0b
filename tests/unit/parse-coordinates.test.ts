import { describe, expect, it } from 'vitest';
import { parseCoordinates } from '../../lib/geo/parse-coordinates';

describe('coordinates typed by a call-taker', () => {
  it.each([
    ['46.0514, 14.506', { lat: 46.0514, lon: 14.506 }],
    ['46.0514,14.506', { lat: 46.0514, lon: 14.506 }],
    ['46.0514; 14.506', { lat: 46.0514, lon: 14.506 }],
    ['46,0514 14,506', { lat: 46.0514, lon: 14.506 }],
    ['  -33.5   151.2 ', { lat: -33.5, lon: 151.2 }],
  ])('reads %s', (text, expected) => {
    expect(parseCoordinates(text)).toEqual(expected);
  });

  it.each(['', 'Ljubljana', '91, 14', '46, 181', '46.1', '46.1, 14.5, 3', 'NaN, 1'])('refuses %j', (text) => {
    expect(parseCoordinates(text)).toBeNull();
  });
});
