import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { kbArticles } from '../../db/schema';
import { normaliseSearch } from '../geo/normalise';

export interface KbArticleInput {
  slug: string;
  kind: 'procedure' | 'caller_instructions' | 'contacts';
  titleSl: string;
  titleEn: string;
  bodySl: string;
  bodyEn: string;
  incidentTypes: string[];
}

/** Seeds or updates articles by slug; the search text covers both languages. */
export async function upsertKbArticles(db: Db, articles: KbArticleInput[]): Promise<number> {
  for (const [i, a] of articles.entries()) {
    const searchTitle = normaliseSearch(`${a.titleSl} ${a.titleEn}`);
    const search = normaliseSearch(`${a.titleSl} ${a.titleEn} ${a.bodySl} ${a.bodyEn}`);
    await db
      .insert(kbArticles)
      .values({ ...a, searchTitle, search, sort: i })
      .onConflictDoUpdate({
        target: kbArticles.slug,
        set: { ...a, searchTitle, search, sort: i, updatedAt: sql`now()` },
      });
  }
  return articles.length;
}
