import { describe, expect, it } from 'vitest';
import { inSlovenia, locationDoubt } from '../../lib/geo/plausible-location';

describe('a typed position is questioned when it is not where a call to Slovenia is likely from', () => {
  it('places in Slovenia, including border towns, are not questioned', () => {
    for (const [lat, lon] of [
      [46.0514, 14.506], // Ljubljana
      [45.5481, 13.7302], // Koper
      [46.6608, 16.1608], // Murska Sobota
      [46.3797, 13.849], // Triglav
      [45.9567, 13.6483], // Nova Gorica, on the Italian border
      [46.6813, 15.9869], // Gornja Radgona, on the Austrian border
    ] as const)
      expect(inSlovenia(lat, lon), `${lat},${lon}`).toBe(true);
  });

  it('places abroad are questioned; swapped coordinates are offered the right way round', () => {
    expect(locationDoubt(48.2082, 16.3738)).toEqual({ kind: 'outside', swapped: null }); // Vienna
    expect(locationDoubt(45.815, 15.9819).kind).toBe('outside'); // Zagreb
    expect(locationDoubt(14.506, 46.0514)).toEqual({
      kind: 'outside',
      swapped: { lat: 46.0514, lon: 14.506 },
    });
    expect(locationDoubt(0, 0).kind).toBe('outside');
  });
});

describe('a searched house number', () => {
  it('is read from the query and checked against the place found', async () => {
    const { matchesHouseNumber, typedHouseNumber } = await import('../../lib/geo/house-number');
    expect(typedHouseNumber('Cankarjeva 12a, Ljubljana')).toBe('12a');
    expect(typedHouseNumber('Prešernov trg 1')).toBe('1');
    expect(typedHouseNumber('Ljubljana')).toBeNull();
    expect(matchesHouseNumber('Cankarjeva cesta 12A, 1000 Ljubljana', 'address', '12a')).toBe(true);
    expect(matchesHouseNumber('Cankarjeva cesta 14, 1000 Ljubljana', 'address', '12a')).toBe(false);
    expect(matchesHouseNumber('Cankarjeva cesta 120, 1000 Ljubljana', 'address', '12')).toBe(false);
    expect(matchesHouseNumber('Ljubljana', 'settlement', '12')).toBe(false);
    expect(matchesHouseNumber('Ljubljana', 'settlement', null)).toBe(true);
  });
});
