// Coordinates as a call-taker types or a hiker reads them out. Pure parsing; the D96/TM → WGS84
// conversion itself is PostGIS's ST_Transform (lib/geo/convert.ts), never hand-written here.

export type ParsedCoordinates =
  | { format: 'decimal' | 'dms'; lat: number; lon: number }
  | { format: 'd96tm'; e: number; n: number };

// Slovenia's D96/TM range with a margin: E 350–650 km, N 0–220 km.
export function isD96Range(e: number, n: number): boolean {
  return e >= 350_000 && e <= 650_000 && n >= 0 && n <= 220_000;
}

/** Decimal WGS84 "lat, lon" ("46.0514, 14.506", "46,0514 14,506"). */
export function parseCoordinates(text: string): { lat: number; lon: number } | null {
  const p = parseAnyCoordinates(text);
  return p && p.format !== 'd96tm' ? { lat: p.lat, lon: p.lon } : null;
}

export function parseAnyCoordinates(text: string): ParsedCoordinates | null {
  const s = text.trim().replace(/\s+/g, ' ');
  if (!s || s.length > 100) return null;
  return parseD96(s) ?? parseDecimal(s) ?? parseDms(s);
}

function valid(lat: number, lon: number) {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

function parseDecimal(s: string): ParsedCoordinates | null {
  let parts: string[];
  if (/^-?\d+(\.\d+)?\s*[,;]\s*-?\d+(\.\d+)?$/.test(s)) parts = s.split(/\s*[,;]\s*/);
  else if (/^-?\d+([.,]\d+)? -?\d+([.,]\d+)?$/.test(s)) parts = s.split(' ').map((p) => p.replace(',', '.'));
  else return null;
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (!valid(lat, lon)) return null;
  // Two plain numbers in the grid's range are D96/TM, handled before; a lat of 400000 is not a latitude.
  return { format: 'decimal', lat, lon };
}

// "E 462000 N 101000", "e=462000, n=101000", "462000 101000", "Y 462000 X 101000" (the old axis names).
function parseD96(s: string): ParsedCoordinates | null {
  const labelled =
    /^(?:[EY]\s*[=:]?\s*)(\d{6}(?:[.,]\d+)?)\s*[,;]?\s*(?:[NX]\s*[=:]?\s*)(\d{4,6}(?:[.,]\d+)?)$/i.exec(s);
  const bare = /^(\d{6}(?:[.,]\d+)?)\s*[,; ]\s*(\d{4,6}(?:[.,]\d+)?)$/.exec(s);
  const m = labelled ?? bare;
  if (!m) return null;
  const e = Number(m[1]?.replace(',', '.'));
  const n = Number(m[2]?.replace(',', '.'));
  if (!isD96Range(e, n)) return null;
  return { format: 'd96tm', e, n };
}

// Degrees, minutes, seconds with hemisphere letters in front or behind:
// 46°03'05.0"N 14°30'21.6"E · N 46 03 05 E 14 30 21.6 · 46°3.083'N, 14°30.36'E · 46 03 05 S / 14 30 21 W
function parseDms(s: string): ParsedCoordinates | null {
  const t = s
    .toUpperCase()
    .replace(/[°º˚]/g, ' ')
    .replace(/[′'’]/g, ' ')
    .replace(/[″"”]|''/g, ' ')
    .replace(/,(?=\d)/g, '.')
    .replace(/[,;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const num = String.raw`(\d{1,3}(?:\.\d+)?)(?:\s(\d{1,2}(?:\.\d+)?))?(?:\s(\d{1,2}(?:\.\d+)?))?`;
  const H = '([NSEWJVZ])';
  // Hemisphere letters either all in front ("N 46 03 05 E 14 30 21") or all behind ("46 03 05N 14 30 21E").
  const front = new RegExp(`^${H}\\s?${num}\\s?${H}\\s?${num}$`).exec(t);
  const back = new RegExp(`^${num}\\s?${H}?\\s${num}\\s?${H}?$`).exec(t);
  let m: (string | undefined)[] | null = null;
  if (front)
    m = [
      front[0],
      front[1],
      front[2],
      front[3],
      front[4],
      undefined,
      front[5],
      front[6],
      front[7],
      front[8],
      undefined,
    ];
  else if (back)
    m = [
      back[0],
      undefined,
      back[1],
      back[2],
      back[3],
      back[4],
      undefined,
      back[5],
      back[6],
      back[7],
      back[8],
    ];
  if (!m) return null;
  const one = (pre?: string, d?: string, mi?: string, se?: string, post?: string) => {
    if (pre && post) return null;
    const hemi = pre ?? post;
    const deg = Number(d);
    const min = mi === undefined ? 0 : Number(mi);
    const sec = se === undefined ? 0 : Number(se);
    if (min >= 60 || sec >= 60) return null;
    if (mi === undefined && se === undefined && !hemi) return null;
    if (!Number.isInteger(deg) && (mi !== undefined || se !== undefined)) return null;
    return { hemi, value: deg + min / 60 + sec / 3600 };
  };
  const a = one(m[1], m[2], m[3], m[4], m[5]);
  const b = one(m[6], m[7], m[8], m[9], m[10]);
  if (!a || !b) return null;
  // N/S/E/W, and the Slovenian J (jug, south), V (vzhod, east), Z (zahod, west); S is south as on every GPS.
  const isLat = (h?: string) => h === 'N' || h === 'S' || h === 'J';
  const sign = (h?: string) => (h === 'S' || h === 'W' || h === 'J' || h === 'Z' ? -1 : 1);
  let latP = a;
  let lonP = b;
  if (a.hemi && b.hemi && !isLat(a.hemi) && isLat(b.hemi)) {
    latP = b;
    lonP = a;
  }
  const lat = sign(latP.hemi) * latP.value;
  const lon = sign(lonP.hemi) * lonP.value;
  if (!valid(lat, lon)) return null;
  return { format: 'dms', lat, lon };
}
