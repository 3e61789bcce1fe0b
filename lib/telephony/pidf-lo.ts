import { isNode, list, parseXmlTree, textOf, type XmlNode } from './xml-tree';

// PIDF-LO (RFC 4119, RFC 5139 civic, RFC 5491 geodetic shapes, RFC 7459 confidence) as NG112 carries
// it with a call. What reads is kept; what is doubtful is named (CALL_DOUBTS); a position is never
// guessed from a coordinate system or unit the document does not declare as the standard's.

export const LOCATION_DOUBTS = [
  /** The PIDF-LO is not well-formed XML or has no location-info. */
  'pidf_unreadable',
  /** A geodetic shape this reader does not know. */
  'shape_unknown',
  /** A coordinate is not a number or lies outside the world. */
  'coordinate_invalid',
  /** srsName is not EPSG 4326/4979: the numbers are kept, not used as a position. */
  'crs_unknown',
  /** No srsName: read as EPSG 4326 (RFC 5491 requires it). */
  'crs_missing',
  /** A distance or angle in a unit other than metres/degrees: that value is not used. */
  'uom_unknown',
  /** More than one location came; the first with a position is used. */
  'several_locations',
] as const;
export type LocationDoubt = (typeof LOCATION_DOUBTS)[number];

export type ShapeKind =
  | 'point'
  | 'circle'
  | 'ellipse'
  | 'arcband'
  | 'polygon'
  | 'sphere'
  | 'ellipsoid'
  | 'prism';

export interface GeoShape {
  kind: ShapeKind;
  center: { lat: number; lon: number } | null;
  altitudeM?: number;
  radiusM?: number;
  semiMajorM?: number;
  semiMinorM?: number;
  orientationDeg?: number;
  innerRadiusM?: number;
  outerRadiusM?: number;
  startAngleDeg?: number;
  openingAngleDeg?: number;
  /** Polygon and prism vertices, [lat, lon]. */
  vertices?: [number, number][];
  srsName?: string;
}

export interface PidfLocation {
  shape: GeoShape | null;
  /** The civic address elements by their RFC 5139 names (country, A1…A6, RD, HNO, PC, …). */
  civic: Record<string, string> | null;
  method: string | null;
  /** RFC 7459: the probability that the caller is inside the shape; 95 when not stated. */
  confidencePct: number | null;
  doubts: LocationDoubt[];
}

type Node = XmlNode;
const SHAPES: Record<string, ShapeKind> = {
  Point: 'point',
  Circle: 'circle',
  Ellipse: 'ellipse',
  ArcBand: 'arcband',
  Polygon: 'polygon',
  Sphere: 'sphere',
  Ellipsoid: 'ellipsoid',
  Prism: 'prism',
};
const CIVIC_KEYS = new Set([
  'country',
  'A1',
  'A2',
  'A3',
  'A4',
  'A5',
  'A6',
  'PRM',
  'PRD',
  'RD',
  'STS',
  'POD',
  'POM',
  'RDSEC',
  'RDBR',
  'RDSUBBR',
  'HNO',
  'HNS',
  'LMK',
  'LOC',
  'FLR',
  'NAM',
  'PC',
  'BLD',
  'UNIT',
  'ROOM',
  'SEAT',
  'PLC',
  'PCN',
  'POBOX',
  'ADDCODE',
]);

/** Reads every location a PIDF-LO document holds (tuple, device or person elements). */
export function parsePidfLo(xml: string): PidfLocation {
  let doc: unknown;
  try {
    doc = parseXmlTree(xml);
  } catch {
    return empty(['pidf_unreadable']);
  }
  const infos: Node[] = [];
  const methods: string[] = [];
  walk(doc, (key, value) => {
    if (key === 'location-info') for (const v of list(value)) if (isNode(v)) infos.push(v);
    if (key === 'method') for (const v of list(value)) methods.push(textOf(v));
  });
  if (infos.length === 0) return empty(['pidf_unreadable']);

  const doubts = new Set<LocationDoubt>();
  let shape: GeoShape | null = null;
  let civic: Record<string, string> | null = null;
  let confidencePct: number | null = null;
  let count = 0;
  for (const info of infos) {
    // RFC 4119 (before RFC 5491) wrapped the shape in <gml:location>: its children are the shapes.
    const entries = Object.entries(info).flatMap(([key, value]) =>
      key === 'location' ? list(value).flatMap((l) => (isNode(l) ? Object.entries(l) : [])) : [[key, value]],
    ) as [string, unknown][];
    for (const [key, value] of entries) {
      if (key === 'civicAddress') {
        count++;
        const c = readCivic(value);
        if (c && !civic) civic = c;
      } else if (key === 'confidence') {
        const pct = Number(textOf(value));
        if (Number.isFinite(pct) && pct > 0 && pct <= 100 && confidencePct === null) confidencePct = pct;
      } else if (!key.startsWith('@_')) {
        const kind = SHAPES[key];
        for (const v of list(value)) {
          count++;
          if (!kind) {
            doubts.add('shape_unknown');
            continue;
          }
          const read = readShape(kind, v, doubts);
          if (read && (!shape || (!shape.center && read.center))) shape = read;
        }
      }
    }
  }
  if (count > 1) doubts.add('several_locations');
  if (!shape && !civic && doubts.size === 0) doubts.add('pidf_unreadable');
  return {
    shape,
    civic,
    method: methods.find((m) => m) ?? null,
    confidencePct: confidencePct ?? (shape?.center && shape.kind !== 'point' ? 95 : null),
    doubts: [...doubts],
  };
}

function empty(doubts: LocationDoubt[]): PidfLocation {
  return { shape: null, civic: null, method: null, confidencePct: null, doubts };
}

function readShape(kind: ShapeKind, node: unknown, doubts: Set<LocationDoubt>): GeoShape | null {
  if (!isNode(node)) {
    doubts.add('coordinate_invalid');
    return null;
  }
  const srsName = attr(node, 'srsName') ?? inheritedSrs(node);
  const three = kind === 'sphere' || kind === 'ellipsoid' || kind === 'prism';
  let crsOk = true;
  if (!srsName) doubts.add('crs_missing');
  else if (!/EPSG:(?:[\d.]*:)?(4326|4979)$/i.test(srsName)) {
    doubts.add('crs_unknown');
    crsOk = false;
  }
  const shape: GeoShape = { kind, center: null, ...(srsName ? { srsName } : {}) };
  if (kind === 'polygon' || kind === 'prism') {
    const poly = kind === 'prism' ? child(child(node, 'base'), 'Polygon') : node;
    const ring = child(child(poly, 'exterior'), 'LinearRing');
    const posList = textOf(child(ring, 'posList'));
    const dim = three || /4979$/.test(srsName ?? '') ? 3 : 2;
    const nums = posList
      ? splitNumbers(posList)
      : list(child(ring, 'pos')).flatMap((p) => splitNumbers(textOf(p)).slice(0, dim));
    const vertices: [number, number][] = [];
    for (let i = 0; i + 1 < nums.length; i += dim) vertices.push([nums[i] as number, nums[i + 1] as number]);
    if (vertices.length < 3 || !vertices.every(([la, lo]) => validCoord(la, lo))) {
      doubts.add('coordinate_invalid');
      return null;
    }
    shape.vertices = vertices;
    // The centre is computed by PostGIS on receipt (centroid); a vertex stands in until then.
    if (crsOk) shape.center = { lat: vertices[0]?.[0] ?? 0, lon: vertices[0]?.[1] ?? 0 };
    return shape;
  }
  const posText = textOf(child(node, 'pos'));
  const pos = posText ? splitNumbers(posText) : dmsCoordinates(textOf(child(node, 'coordinates')));
  const [lat, lon, alt] = pos;
  if (lat === undefined || lon === undefined || !validCoord(lat, lon)) {
    doubts.add('coordinate_invalid');
    return null;
  }
  if (crsOk) shape.center = { lat, lon };
  if (alt !== undefined && Number.isFinite(alt)) shape.altitudeM = alt;
  const metres = (name: string) => measure(node, name, 'length', doubts);
  const degrees = (name: string) => measure(node, name, 'angle', doubts);
  const set = <K extends keyof GeoShape>(k: K, v: GeoShape[K] | undefined) => {
    if (v !== undefined) shape[k] = v;
  };
  switch (kind) {
    case 'circle':
    case 'sphere':
      set('radiusM', metres('radius'));
      break;
    case 'ellipse':
    case 'ellipsoid':
      set('semiMajorM', metres('semiMajorAxis'));
      set('semiMinorM', metres('semiMinorAxis'));
      set('orientationDeg', degrees('orientation'));
      break;
    case 'arcband':
      set('innerRadiusM', metres('innerRadius'));
      set('outerRadiusM', metres('outerRadius'));
      set('startAngleDeg', degrees('startAngle'));
      set('openingAngleDeg', degrees('openingAngle'));
      break;
  }
  return shape;
}

/** A distance in metres (EPSG 9001) or an angle in degrees (EPSG 9102); anything else is not used. */
function measure(
  node: Node,
  name: string,
  kind: 'length' | 'angle',
  doubts: Set<LocationDoubt>,
): number | undefined {
  const el = child(node, name);
  if (el === undefined) return undefined;
  const value = Number(textOf(el));
  if (!Number.isFinite(value) || value < 0) {
    doubts.add('coordinate_invalid');
    return undefined;
  }
  const uom = isNode(el) ? attr(el, 'uom') : null;
  const ok = kind === 'length' ? /EPSG:(?:[\d.]*:)?9001$/i : /EPSG:(?:[\d.]*:)?9102$/i;
  if (uom && !ok.test(uom)) {
    doubts.add('uom_unknown');
    return undefined;
  }
  return value;
}

function readCivic(value: unknown): Record<string, string> | null {
  const node = list(value).find(isNode);
  if (!node) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(node)) {
    if (!CIVIC_KEYS.has(k)) continue;
    const text = textOf(list(v)[0]);
    if (text) out[k] = text.slice(0, 200);
  }
  return Object.keys(out).length ? out : null;
}

/** One line a person reads: street and number, postcode and place, then what helps to find the door. */
export function civicText(c: Record<string, string>): string {
  const street = [c.PRD, c.RD ?? c.A6, c.STS, c.POD].filter(Boolean).join(' ');
  const number = [c.HNO, c.HNS].filter(Boolean).join('');
  const place = [c.PC, c.A3 ?? c.A2].filter(Boolean).join(' ');
  const extra = [c.NAM, c.BLD, c.UNIT, c.FLR ? `FLR ${c.FLR}` : '', c.ROOM, c.LOC, c.LMK]
    .filter(Boolean)
    .join(', ');
  return [[street, number].filter(Boolean).join(' '), place, extra, c.country]
    .filter(Boolean)
    .join(', ')
    .slice(0, 300);
}

/**
 * RFC 4119's own example form, `<gml:coordinates>37:46:30N 122:25:10W</gml:coordinates>`: degrees,
 * minutes and seconds with their hemisphere (which also says which is latitude). Anything else: none.
 */
function dmsCoordinates(s: string): number[] {
  const parts = s.trim().split(/[\s,]+/);
  const read = (p: string | undefined, hemispheres: RegExp) => {
    const m = /^(\d{1,3})(?::(\d{1,2}(?:\.\d+)?))?(?::(\d{1,2}(?:\.\d+)?))?([NSEW])$/i.exec(p ?? '');
    if (!m?.[4] || !hemispheres.test(m[4])) return Number.NaN;
    const v = Number(m[1]) + Number(m[2] ?? 0) / 60 + Number(m[3] ?? 0) / 3600;
    return /[SW]/i.test(m[4]) ? -v : v;
  };
  return parts.length === 2 ? [read(parts[0], /[NS]/i), read(parts[1], /[EW]/i)] : [];
}

function validCoord(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

function splitNumbers(s: string): number[] {
  return s
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((x) => (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(x) ? Number(x) : Number.NaN));
}

function inheritedSrs(node: Node): string | null {
  // A Prism's or Polygon's srsName may sit on an inner Polygon.
  const base = child(child(node, 'base'), 'Polygon');
  return isNode(base) ? attr(base, 'srsName') : null;
}

function walk(value: unknown, visit: (key: string, value: unknown) => void, depth = 0): void {
  if (depth > 40) return;
  if (Array.isArray(value)) for (const v of value) walk(v, visit, depth + 1);
  else if (isNode(value))
    for (const [k, v] of Object.entries(value)) {
      visit(k, v);
      walk(v, visit, depth + 1);
    }
}

function child(node: unknown, name: string): unknown {
  const n = Array.isArray(node) ? node[0] : node;
  return isNode(n) ? n[name] : undefined;
}

function attr(node: Node, name: string): string | null {
  const v = node[`@_${name}`];
  return typeof v === 'string' ? v : null;
}
