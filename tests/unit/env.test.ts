import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../lib/env';

describe('configuration', () => {
  it('has working defaults for the embedded demo', () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.PORT).toBe(3000);
    expect(e.PGLITE_DIR).toBe('data/pglite');
  });

  it('accepts MAP_TILE_URL=none and a tile template', () => {
    expect(parseEnv({ MAP_TILE_URL: 'none' }).MAP_TILE_URL).toBe('none');
    expect(parseEnv({ MAP_TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png' }).MAP_TILE_URL).toContain('{z}');
  });

  it('fails fast and names every bad variable', () => {
    expect(() => parseEnv({ PORT: 'eighty', MAP_TILE_URL: 'ftp://x', DATABASE_URL: 'mysql://x' })).toThrow(
      /PORT[\s\S]*MAP_TILE_URL|MAP_TILE_URL[\s\S]*PORT/,
    );
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});
