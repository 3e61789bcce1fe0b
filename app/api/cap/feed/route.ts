// GET /api/cap/feed – Atom feed of the public warnings
import { handle } from '@/lib/http/handler';
import { messages } from '@/lib/i18n/messages';
import { capFeed } from '@/lib/interop/public-alerts';

export const GET = handle('capFeed', async ({ db, req }) => {
  const url = new URL(req.url);
  const xml = await capFeed(
    db,
    `${url.protocol}//${req.headers.get('host') ?? url.host}`,
    messages.sl.centre,
  );
  return new Response(xml, {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=60' },
  });
});
