import { desc, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { locationFixes } from '../../db/schema';
import { d96EastSql, d96NorthSql, latSql, lonSql } from '../geo/sql';

export interface LocationFixDto {
  id: number;
  phone: string;
  source: string;
  position: { lat: number; lon: number; d96: { e: number; n: number } } | null;
  accuracyM: number | null;
  confidencePct: number | null;
  method: string | null;
  fixAt: string | null;
  receivedAt: string;
  /** What deserves a second look (codes; labelled on the screens). */
  doubts: string[];
}

export async function selectLocationFixes(db: Db, where: SQL, limit = 5): Promise<LocationFixDto[]> {
  const rows = await db
    .select({
      id: locationFixes.id,
      phone: locationFixes.phone,
      source: locationFixes.source,
      lat: latSql(locationFixes.position),
      lon: lonSql(locationFixes.position),
      e: d96EastSql(locationFixes.position),
      n: d96NorthSql(locationFixes.position),
      accuracyM: locationFixes.accuracyM,
      confidencePct: locationFixes.confidencePct,
      method: locationFixes.method,
      fixAt: locationFixes.fixAt,
      receivedAt: locationFixes.receivedAt,
      doubts: locationFixes.doubts,
    })
    .from(locationFixes)
    .where(where)
    .orderBy(desc(locationFixes.receivedAt), desc(locationFixes.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    phone: r.phone,
    source: r.source,
    position:
      r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon, d96: { e: r.e ?? 0, n: r.n ?? 0 } } : null,
    accuracyM: r.accuracyM,
    confidencePct: r.confidencePct,
    method: r.method,
    fixAt: r.fixAt ? r.fixAt.toISOString() : null,
    receivedAt: r.receivedAt.toISOString(),
    doubts: r.doubts,
  }));
}
