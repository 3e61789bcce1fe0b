import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import type { HospitalCapability, LocationNoteSeverity, WaterSourceKind } from '../../db/schema/enums';
import { pointSql } from '../geo/sql';
import { availability } from './opening-hours';

// The nearest entries of the location databases, by PostGIS (KNN on the GiST indexes; distances on
// the spheroid, straight line).

export interface AedDto {
  id: number;
  name: string;
  lat: number;
  lon: number;
  distanceM: number;
  access: string;
  openingHours: string | null;
  availability: 'open' | 'closed' | 'unknown';
  indoor: boolean | null;
  owner: string;
  phone: string | null;
  lastCheck: string | null;
  doubts: string[];
}

/**
 * The defibrillators nearest to a point that are available at `at` (open, by their opening hours in
 * Ljubljana time), within `maxM`; and the nearest that are closed or of unknown hours, apart.
 */
export async function nearestAeds(
  db: Db,
  opts: { lat: number; lon: number; at?: Date; limit?: number; maxM?: number },
): Promise<{ available: AedDto[]; unavailable: AedDto[] }> {
  const p = pointSql(opts.lat, opts.lon);
  const limit = opts.limit ?? 3;
  const rows = rowsOf<Omit<AedDto, 'availability'> & { always_open: boolean; last_check: string | null }>(
    await db.execute(sql`
      select id, name, ST_Y(position::geometry) as lat, ST_X(position::geometry) as lon,
             ST_Distance(position, ${p}) as "distanceM", access, opening_hours as "openingHours",
             always_open, indoor, owner, phone, last_check::text as last_check, doubts
        from aeds
       where ST_DWithin(position, ${p}, ${opts.maxM ?? 3000})
       order by position <-> ${p}
       limit 100`),
  );
  const at = opts.at ?? new Date();
  const available: AedDto[] = [];
  const unavailable: AedDto[] = [];
  for (const r of rows) {
    const dto: AedDto = {
      id: r.id,
      name: r.name,
      lat: Number(r.lat),
      lon: Number(r.lon),
      distanceM: Math.round(Number(r.distanceM)),
      access: r.access,
      openingHours: r.openingHours,
      availability: availability(r.openingHours, r.always_open, at),
      indoor: r.indoor,
      owner: r.owner,
      phone: r.phone,
      lastCheck: r.last_check,
      doubts: r.doubts,
    };
    if (dto.availability === 'open') {
      if (available.length < limit) available.push(dto);
    } else if (unavailable.length < 2) unavailable.push(dto);
    if (available.length >= limit && unavailable.length >= 2) break;
  }
  return { available, unavailable };
}

export interface WaterSourceDto {
  id: number;
  kind: WaterSourceKind;
  ref: string;
  lat: number;
  lon: number;
  distanceM: number;
  diameterMm: number | null;
  pressureBar: number | null;
  flowLpm: number | null;
  state: 'in_service' | 'out_of_service' | 'unknown';
  note: string;
  doubts: string[];
}

/** Hydrants and water sources within `radiusM`, nearest first. */
export async function waterSourcesNear(
  db: Db,
  opts: { lat: number; lon: number; radiusM?: number; limit?: number },
): Promise<WaterSourceDto[]> {
  const p = pointSql(opts.lat, opts.lon);
  const rows = rowsOf<WaterSourceDto>(
    await db.execute(sql`
      select id, kind, ref, ST_Y(position::geometry) as lat, ST_X(position::geometry) as lon,
             round(ST_Distance(position, ${p}))::int as "distanceM", diameter_mm as "diameterMm",
             pressure_bar as "pressureBar", flow_lpm as "flowLpm", state, note, doubts
        from water_sources
       where ST_DWithin(position, ${p}, ${opts.radiusM ?? 500})
       order by position <-> ${p}
       limit ${opts.limit ?? 10}`),
  );
  return rows.map((r) => ({ ...r, lat: Number(r.lat), lon: Number(r.lon) }));
}

export interface HospitalDto {
  id: number;
  name: string;
  lat: number;
  lon: number;
  distanceM: number;
  capabilities: HospitalCapability[];
  phone: string | null;
  address: string;
}

/** The nearest hospitals that can take `capability` (any emergency department without one). */
export async function nearestHospitals(
  db: Db,
  opts: { lat: number; lon: number; capability?: HospitalCapability; limit?: number },
): Promise<HospitalDto[]> {
  const p = pointSql(opts.lat, opts.lon);
  const rows = rowsOf<HospitalDto>(
    await db.execute(sql`
      select id, name, ST_Y(position::geometry) as lat, ST_X(position::geometry) as lon,
             round(ST_Distance(position, ${p}))::int as "distanceM", capabilities, phone, address
        from hospitals
       where capabilities @> array[${opts.capability ?? 'emergency'}]::text[]
       order by position <-> ${p}
       limit ${opts.limit ?? 3}`),
  );
  return rows.map((r) => ({ ...r, lat: Number(r.lat), lon: Number(r.lon) }));
}

export interface LocationNoteDto {
  id: number;
  lat: number;
  lon: number;
  radiusM: number;
  address: string;
  text: string;
  severity: LocationNoteSeverity;
  validFrom: string | null;
  validUntil: string | null;
  authorName: string;
  updatedAt: string;
  version: number;
  /** From the point asked about (notes near a place). */
  distanceM?: number;
}

export const NOTE_COLUMNS = sql`id, ST_Y(position::geometry) as lat, ST_X(position::geometry) as lon,
  radius_m as "radiusM", address, text, severity, valid_from::text as "validFrom",
  valid_until::text as "validUntil", author_name as "authorName", updated_at as "updatedAt", version`;

export function noteDto(r: LocationNoteDto): LocationNoteDto {
  return {
    ...r,
    lat: Number(r.lat),
    lon: Number(r.lon),
    updatedAt: new Date(r.updatedAt).toISOString(),
    ...(r.distanceM !== undefined ? { distanceM: Math.round(Number(r.distanceM)) } : {}),
  };
}

/** The notes in force today (Ljubljana date) whose radius reaches the point. */
export async function notesNear(db: Db, opts: { lat: number; lon: number }): Promise<LocationNoteDto[]> {
  const p = pointSql(opts.lat, opts.lon);
  const rows = rowsOf<LocationNoteDto>(
    await db.execute(sql`
      select ${NOTE_COLUMNS}, ST_Distance(position, ${p}) as "distanceM"
        from location_notes
       where deleted_at is null
         and ST_DWithin(position, ${p}, 5000)
         and ST_Distance(position, ${p}) <= radius_m
         and (valid_from is null or valid_from <= (now() at time zone 'Europe/Ljubljana')::date)
         and (valid_until is null or valid_until >= (now() at time zone 'Europe/Ljubljana')::date)
       order by case severity when 'danger' then 0 when 'warning' then 1 else 2 end, position <-> ${p}
       limit 20`),
  );
  return rows.map(noteDto);
}
