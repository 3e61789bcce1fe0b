import type { Principal } from '@/lib/auth/principal';
import { env } from '@/lib/env';

export interface PageUser {
  id: number;
  displayName: string;
  role: string;
  stationId: number | null;
  /** The centre a call-taker, dispatcher or supervisor works in. */
  centreId: number | null;
}

export interface MapConfig {
  tileUrl: string;
  attribution: string;
  /** Minutes after which a unit's reported position is shown as stale (UNIT_POSITION_STALE_MIN). */
  staleMin: number;
  /** Assigning a recommended set with a unit farther than this asks first (FAR_UNIT_CONFIRM_KM). */
  farUnitKm: number;
}

export function pageUser(p: Principal): PageUser {
  return { id: p.id, displayName: p.displayName, role: p.role, stationId: p.stationId, centreId: p.centreId };
}

export function mapConfig(): MapConfig {
  return {
    tileUrl: env().MAP_TILE_URL,
    attribution: env().MAP_TILE_ATTRIBUTION,
    staleMin: env().UNIT_POSITION_STALE_MIN,
    farUnitKm: env().FAR_UNIT_CONFIRM_KM,
  };
}
