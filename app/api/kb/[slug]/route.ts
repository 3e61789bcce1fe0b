// PUT /api/kb/{slug} – a supervisor writes or edits a knowledge-base article
import { handle } from '@/lib/http/handler';
import { saveKbArticle, ZKbSlug } from '@/lib/kb/save-kb-article';
import { parseOrThrow } from '@/lib/validation';

export const PUT = handle('saveKbArticle', async ({ db, principal, params, body }) =>
  saveKbArticle(db, principal, parseOrThrow(ZKbSlug, params.slug, 'slug'), body),
);
