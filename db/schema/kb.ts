import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

// Knowledge base: procedures, instructions to read to callers, contacts. `search` holds the text of
// both languages lower-cased without diacritics (lib/geo/normalise.ts) for full-text and trigram search.
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    kind: text('kind', { enum: ['procedure', 'caller_instructions', 'contacts'] }).notNull(),
    titleSl: text('title_sl').notNull(),
    titleEn: text('title_en').notNull(),
    bodySl: text('body_sl').notNull(),
    bodyEn: text('body_en').notNull(),
    incidentTypes: text('incident_types').array().notNull().default(sql`'{}'::text[]`),
    searchTitle: text('search_title').notNull(),
    search: text('search').notNull(),
    sort: integer('sort').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('kb_articles_fts').using(
      'gin',
      sql`(setweight(to_tsvector('simple', ${t.searchTitle}), 'A') || setweight(to_tsvector('simple', ${t.search}), 'B'))`,
    ),
    index('kb_articles_trgm').using('gin', sql`${t.search} gin_trgm_ops`),
  ],
);
