import { SLOVENIA_OUTLINE } from './slovenia-outline';

// Is a typed position where a 112 call in Slovenia is likely to be? A question for the call-taker,
// never a refusal (a caller can be abroad, or just across the border): outside the country's coarse
// outline by more than a margin, the form asks before saving; when latitude and longitude read the
// other way round would be inside, it offers that.

/** How far outside the coarse outline still counts as inside (its error, border villages). */
const MARGIN_KM = 3;

function inRing(lon: number, lat: number, ring: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Kilometres from a point to the ring's nearest edge (equirectangular: fine at this scale). */
function kmToRing(lon: number, lat: number, ring: [number, number][]): number {
  const kx = 111.32 * Math.cos((lat * Math.PI) / 180);
  const ky = 110.57;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[j] as [number, number];
    const [bx, by] = ring[i] as [number, number];
    const px = (lon - ax) * kx;
    const py = (lat - ay) * ky;
    const dx = (bx - ax) * kx;
    const dy = (by - ay) * ky;
    const len = dx * dx + dy * dy;
    const t = len === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len));
    best = Math.min(best, Math.hypot(px - t * dx, py - t * dy));
  }
  return best;
}

export function inSlovenia(lat: number, lon: number): boolean {
  return inRing(lon, lat, SLOVENIA_OUTLINE) || kmToRing(lon, lat, SLOVENIA_OUTLINE) <= MARGIN_KM;
}

export type LocationDoubt =
  | { kind: 'ok' }
  | { kind: 'outside'; swapped: { lat: number; lon: number } | null };

export function locationDoubt(lat: number, lon: number): LocationDoubt {
  if (inSlovenia(lat, lon)) return { kind: 'ok' };
  const swappable = Math.abs(lon) <= 90 && inSlovenia(lon, lat);
  return { kind: 'outside', swapped: swappable ? { lat: lon, lon: lat } : null };
}
