import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { kbArticles } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { kbArticleSaved } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { normaliseSearch } from '../geo/normalise';

export const ZKbSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'lower-case words joined by -');

export const ZKbArticle = z.object({
  kind: z.enum(['procedure', 'caller_instructions', 'contacts']),
  title: z.object({ sl: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }),
  body: z.object({ sl: z.string().trim().min(1).max(20_000), en: z.string().trim().min(1).max(20_000) }),
  incidentTypes: z
    .array(z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'an incident type code'))
    .max(50)
    .default([]),
});
export type TKbArticle = z.infer<typeof ZKbArticle>;
export type KbArticleDto = TKbArticle & { slug: string };

/** A supervisor writes or edits an article; the event keeps the text before the change. */
export async function saveKbArticle(db: Db, actor: Principal, slug: string, input: TKbArticle) {
  const values = {
    kind: input.kind,
    titleSl: input.title.sl,
    titleEn: input.title.en,
    bodySl: input.body.sl,
    bodyEn: input.body.en,
    incidentTypes: input.incidentTypes,
    searchTitle: normaliseSearch(`${input.title.sl} ${input.title.en}`),
    search: normaliseSearch(`${input.title.sl} ${input.title.en} ${input.body.sl} ${input.body.en}`),
  };
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [before] = await w.tx.select().from(kbArticles).where(eq(kbArticles.slug, slug)).for('update');
    if (before)
      await w.tx
        .update(kbArticles)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(kbArticles.slug, slug));
    else await w.tx.insert(kbArticles).values({ slug, ...values, sort: 1000 });
    const article: KbArticleDto = { slug, ...input };
    w.emit(
      kbArticleSaved({
        article,
        created: !before,
        before: before
          ? {
              kind: before.kind,
              title: { sl: before.titleSl, en: before.titleEn },
              body: { sl: before.bodySl, en: before.bodyEn },
              incidentTypes: before.incidentTypes,
            }
          : null,
      }),
    );
    return { ...article, created: !before };
  });
  return result;
}
