import { readCsv as csvRows } from '../csv';
import { AppError } from '../errors';

// A file of places as it comes (GeoJSON exported from OpenStreetMap, or CSV with WGS84 lat/lon or
// D96/TM e/n) read into records: each with its number in the file (line or feature), a stable key for
// re-import, its properties as text and its position, or the reason it has none.

export type Where =
  | { kind: 'wgs84'; lat: number; lon: number }
  | { kind: 'd96'; e: number; n: number }
  /** A GeoJSON polygon or line (an AED mapped as a building part): its point on surface is used. */
  | { kind: 'geometry'; geojson: string };

export interface SourceRecord {
  line: number;
  key: string | null;
  props: Record<string, string>;
  where: Where | null;
  /** Why there is no position. */
  problem?: { field: string; message: string };
}

export type FileFormat = 'geojson' | 'csv';

/** A decimal number as text (a comma for the point too); an empty field is no number, not zero. */
const numberText = (v: string) => (v.trim() === '' ? Number.NaN : Number(v.trim().replace(',', '.')));

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function checkWgs84(lat: number, lon: number) {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90)
    return { field: 'lat', message: 'a latitude, -90 to 90' };
  if (!Number.isFinite(lon) || lon < -180 || lon > 180)
    return { field: 'lon', message: 'a longitude, -180 to 180' };
  return null;
}

export function readRecords(format: FileFormat, body: string): SourceRecord[] {
  return format === 'geojson' ? readGeoJson(body) : readCsv(body);
}

function readCsv(body: string): SourceRecord[] {
  const rows = csvRows(body, { ragged: true });
  return rows.map((props, i) => {
    const line = i + 2;
    const key = props.id ? `csv:${props.id}` : null;
    const has = (k: string) => (props[k] ?? '') !== '';
    if (has('lat') || has('lon')) {
      const lat = numberText(props.lat ?? '');
      const lon = numberText(props.lon ?? '');
      const problem = checkWgs84(lat, lon);
      return problem
        ? { line, key, props, where: null, problem }
        : { line, key, props, where: { kind: 'wgs84', lat, lon } };
    }
    if (has('e') || has('n')) {
      const e = numberText(props.e ?? '');
      const n = numberText(props.n ?? '');
      if (!(e >= 350_000 && e <= 650_000))
        return {
          line,
          key,
          props,
          where: null,
          problem: { field: 'e', message: 'a D96/TM easting, 350000 to 650000' },
        };
      if (!(n >= 0 && n <= 220_000))
        return {
          line,
          key,
          props,
          where: null,
          problem: { field: 'n', message: 'a D96/TM northing, 0 to 220000' },
        };
      return { line, key, props, where: { kind: 'd96', e, n } };
    }
    return {
      line,
      key,
      props,
      where: null,
      problem: { field: 'lat', message: 'give lat and lon (WGS84) or e and n (D96/TM)' },
    };
  });
}

interface Feature {
  type?: unknown;
  id?: unknown;
  properties?: Record<string, unknown> | null;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
}

function readGeoJson(body: string): SourceRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    throw new AppError('validation_failed', `GeoJSON: ${(err as Error).message}`, [
      { field: 'file', message: 'not JSON' },
    ]);
  }
  const features: unknown[] | null =
    doc && typeof doc === 'object' && (doc as { type?: unknown }).type === 'FeatureCollection'
      ? ((doc as { features?: unknown }).features as unknown[])
      : doc && typeof doc === 'object' && (doc as { type?: unknown }).type === 'Feature'
        ? [doc]
        : null;
  if (!Array.isArray(features))
    throw new AppError('validation_failed', 'GeoJSON: a FeatureCollection or a Feature', [
      { field: 'file', message: 'no "features" array' },
    ]);
  return features.map((raw, i) => {
    const line = i + 1;
    const f = (raw && typeof raw === 'object' ? raw : {}) as Feature;
    const props: Record<string, string> = {};
    // osmtogeojson without flat properties (older overpass turbo exports) nests the tags in `tags`
    // and the id as `type` + `id`; the flat form has them at the top and the id as "@id".
    const { tags, ...rest } = (f.properties ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(rest)) props[k] = text(v);
    if (tags && typeof tags === 'object') for (const [k, v] of Object.entries(tags)) props[k] = text(v);
    else if (tags !== undefined) props.tags = text(tags);
    if (!props['@id'] && /^(node|way|relation)$/.test(props.type ?? '') && /^\d+$/.test(props.id ?? ''))
      props['@id'] = `${props.type}/${props.id}`;
    // overpass-turbo exports carry "@id": "node/123" (and id "node/123"); osmtogeojson the same.
    const osmId =
      props['@id'] || (typeof f.id === 'string' || typeof f.id === 'number' ? String(f.id) : '') || props.id;
    const key = osmId
      ? /^(node|way|relation)\/\d+$/.test(osmId)
        ? `osm:${osmId}`
        : `geojson:${osmId}`
      : null;
    const g = f.geometry;
    if (!g || typeof g !== 'object')
      return { line, key, props, where: null, problem: { field: 'geometry', message: 'no geometry' } };
    if (g.type === 'Point') {
      const c = g.coordinates;
      if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number')
        return {
          line,
          key,
          props,
          where: null,
          problem: { field: 'geometry.coordinates', message: '[lon, lat] numbers' },
        };
      const problem = checkWgs84(c[1], c[0]);
      return problem
        ? {
            line,
            key,
            props,
            where: null,
            problem: { field: `geometry.coordinates (${problem.field})`, message: problem.message },
          }
        : { line, key, props, where: { kind: 'wgs84', lat: c[1], lon: c[0] } };
    }
    if (['Polygon', 'MultiPolygon', 'LineString'].includes(String(g.type))) {
      const flat =
        JSON.stringify(g.coordinates ?? null)
          .match(/-?\d+(\.\d+)?(e-?\d+)?/gi)
          ?.map(Number) ?? [];
      for (let j = 0; j + 1 < flat.length; j += 2) {
        const problem = checkWgs84(flat[j + 1] as number, flat[j] as number);
        if (problem)
          return {
            line,
            key,
            props,
            where: null,
            problem: { field: 'geometry.coordinates', message: problem.message },
          };
      }
      if (flat.length < 2)
        return {
          line,
          key,
          props,
          where: null,
          problem: { field: 'geometry.coordinates', message: 'no coordinates' },
        };
      return { line, key, props, where: { kind: 'geometry', geojson: JSON.stringify(g) } };
    }
    return {
      line,
      key,
      props,
      where: null,
      problem: { field: 'geometry.type', message: 'Point, Polygon or LineString' },
    };
  });
}
