import { customType } from 'drizzle-orm/pg-core';

// PostGIS geography columns. drizzle has no geography type, so these are custom types; values are
// written with ST_MakePoint/ST_GeomFromGeoJSON and read with ST_X/ST_Y/ST_AsGeoJSON (see db/geo.ts),
// never as the raw hex EWKB the driver would return.
export const geographyPoint = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'geography(Point,4326)';
  },
});

export const geographyPolygon = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'geography(Polygon,4326)';
  },
});

export const geographyMultiPolygon = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'geography(MultiPolygon,4326)';
  },
});

/** Raw bytes (a hash): Buffer from node-postgres, Uint8Array from PGlite. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return 'bytea';
  },
});
