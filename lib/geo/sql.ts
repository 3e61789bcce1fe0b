import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

// Spatial SQL in one place. Positions are geography(Point,4326); these helpers write and read them.

export function pointSql(lat: number, lon: number): SQL {
  return sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`;
}

export function latSql(col: SQLWrapper): SQL<number | null> {
  return sql<number | null>`ST_Y(${col}::geometry)`.mapWith((v) => (v === null ? null : Number(v)));
}

export function lonSql(col: SQLWrapper): SQL<number | null> {
  return sql<number | null>`ST_X(${col}::geometry)`.mapWith((v) => (v === null ? null : Number(v)));
}

/** Distance in metres on the spheroid between a geography column and a point. */
export function distanceSql(col: SQLWrapper, lat: number, lon: number): SQL<number | null> {
  return sql<number | null>`ST_Distance(${col}, ${pointSql(lat, lon)})`.mapWith((v) =>
    v === null ? null : Number(v),
  );
}

/** KNN ordering operator: uses the GiST index; on geography it orders by metres. */
export function knnSql(col: SQLWrapper, lat: number, lon: number): SQL {
  return sql`${col} <-> ${pointSql(lat, lon)}`;
}

export function geoJsonSql(col: SQLWrapper): SQL<string | null> {
  return sql<string | null>`ST_AsGeoJSON(${col}, 6)`;
}

/** Easting of a geography point in D96/TM (EPSG:3794), by PostGIS. */
export function d96EastSql(col: SQLWrapper): SQL<number | null> {
  return sql<number | null>`round(ST_X(ST_Transform(${col}::geometry, 3794))::numeric, 2)`.mapWith((v) =>
    v === null ? null : Number(v),
  );
}

/** Northing of a geography point in D96/TM (EPSG:3794), by PostGIS. */
export function d96NorthSql(col: SQLWrapper): SQL<number | null> {
  return sql<number | null>`round(ST_Y(ST_Transform(${col}::geometry, 3794))::numeric, 2)`.mapWith((v) =>
    v === null ? null : Number(v),
  );
}
