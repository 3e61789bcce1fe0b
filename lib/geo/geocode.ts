import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { places } from '../../db/schema';
import { normaliseSearch } from './normalise';
import { d96EastSql, d96NorthSql, distanceSql, knnSql, latSql, lonSql } from './sql';

const columns = {
  id: places.id,
  kind: places.kind,
  label: places.label,
  settlement: places.settlement,
  postcode: places.postcode,
  population: places.population,
  lat: latSql(places.position),
  lon: lonSql(places.position),
  e: d96EastSql(places.position),
  n: d96NorthSql(places.position),
};

type Row = { [K in keyof typeof columns]: unknown } & {
  lat: number | null;
  lon: number | null;
  e: number | null;
  n: number | null;
};

function toResult(r: Row & { score?: unknown; distanceM?: unknown }) {
  return {
    id: r.id as number,
    kind: r.kind as 'settlement' | 'address',
    label: r.label as string,
    settlement: (r.settlement as string | null) ?? null,
    postcode: (r.postcode as string | null) ?? null,
    population: (r.population as number | null) ?? null,
    position: { lat: r.lat ?? 0, lon: r.lon ?? 0, d96: { e: r.e ?? 0, n: r.n ?? 0 } },
    ...(r.score !== undefined ? { score: Math.round(Number(r.score) * 1000) / 1000 } : {}),
    ...(r.distanceM !== undefined ? { distanceM: Math.round(Number(r.distanceM)) } : {}),
  };
}

// Ranked search, tolerant of typos (trigrams) and diacritics (normalised text): a name that starts
// with the query first, then by similarity, then bigger places first.
export async function geocode(db: Db, q: string, limit = 10) {
  const norm = normaliseSearch(q);
  if (!norm) return [];
  const score = sql<number>`greatest(similarity(${places.search}, ${norm}), word_similarity(${norm}, ${places.search}))`;
  const rows = await db
    .select({ ...columns, score })
    .from(places)
    .where(
      sql`(${places.search} % ${norm} or ${norm} <% ${places.search} or ${places.search} like ${`${norm}%`})`,
    )
    .orderBy(
      desc(sql`${places.search} like ${`${norm}%`}`),
      desc(score),
      desc(sql`coalesce(${places.population}, 0)`),
      asc(places.label),
    )
    .limit(limit);
  return rows.map((r) => toResult(r as Row & { score: unknown }));
}

/** The nearest address point (or, when none is near, the nearest settlement), with its distance. */
export async function reverseGeocode(db: Db, lat: number, lon: number) {
  const nearest = (kind: 'address' | 'settlement') =>
    db
      .select({ ...columns, distanceM: distanceSql(places.position, lat, lon) })
      .from(places)
      .where(and(eq(places.kind, kind)))
      .orderBy(knnSql(places.position, lat, lon))
      .limit(1);
  const [address] = await nearest('address');
  const [settlement] = await nearest('settlement');
  const useAddress = address && Number(address.distanceM) <= 250;
  const best = useAddress ? address : (settlement ?? address);
  return {
    nearest: best ? toResult(best as Row & { distanceM: unknown }) : null,
    settlement: settlement ? toResult(settlement as Row & { distanceM: unknown }) : null,
  };
}
