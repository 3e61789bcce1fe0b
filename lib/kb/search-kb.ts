import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { kbArticles } from '../../db/schema';
import { normaliseSearch } from '../geo/normalise';

export const ZKbQuery = z.object({
  q: z.string().trim().max(200).optional(),
  type: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(20),
});

// Full-text search tolerant of diacritics (normalised text) and Slovenian word forms: each query word
// is cut to a stem and matched as a prefix (oživljanje, oživljanja, oživljanju → "ozivlj:*"); trigram
// similarity catches typos. PostgreSQL has no Slovenian stemmer, so this is the honest approximation.
export function stemQuery(q: string): string | null {
  const words = normaliseSearch(q)
    .split(' ')
    .filter((w) => w.length >= 2)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((w) => `${w.length > 5 ? w.slice(0, w.length - 2) : w}:*`).join(' & ');
}

export async function searchKb(db: Db, opts: { q?: string; type?: string; limit?: number }) {
  const where: SQL[] = [];
  const tsq = opts.q ? stemQuery(opts.q) : null;
  const norm = opts.q ? normaliseSearch(opts.q) : '';
  // Title words weigh more than body words (A vs B); the expression matches the GIN index.
  const vector = sql`(setweight(to_tsvector('simple', ${kbArticles.searchTitle}), 'A') || setweight(to_tsvector('simple', ${kbArticles.search}), 'B'))`;
  let rank: SQL<number> | null = null;
  if (opts.q) {
    const fts = tsq ? sql`${vector} @@ to_tsquery('simple', ${tsq})` : sql`false`;
    where.push(sql`(${fts} or word_similarity(${norm}, ${kbArticles.search}) > 0.5)`);
    rank = sql<number>`${tsq ? sql`ts_rank(${vector}, to_tsquery('simple', ${tsq}))` : sql`0`} + word_similarity(${norm}, ${kbArticles.searchTitle})`;
  }
  if (opts.type) where.push(sql`${opts.type} = any(${kbArticles.incidentTypes})`);
  const rows = await db
    .select({ a: kbArticles })
    .from(kbArticles)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...(rank ? [desc(rank)] : []), asc(kbArticles.sort), asc(kbArticles.id))
    .limit(opts.limit ?? 20);
  return rows.map(({ a }) => ({
    id: a.id,
    slug: a.slug,
    kind: a.kind,
    title: { sl: a.titleSl, en: a.titleEn },
    body: { sl: a.bodySl, en: a.bodyEn },
    incidentTypes: a.incidentTypes,
  }));
}

export async function getKbArticle(db: Db, id: number) {
  const [a] = await db.select().from(kbArticles).where(eq(kbArticles.id, id));
  return a;
}
