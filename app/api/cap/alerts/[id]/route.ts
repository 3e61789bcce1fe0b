// GET /api/cap/alerts/{id} – a public warning as CAP 1.2
import { env } from '@/lib/env';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { publicAlertXml } from '@/lib/interop/public-alerts';
import { parseOrThrow } from '@/lib/validation';

export const GET = handle('getPublicAlert', async ({ db, params }) => {
  const xml = await publicAlertXml(db, parseOrThrow(ZIdParam, params.id, 'id'), env().CAP_SENDER);
  return new Response(xml, {
    headers: { 'content-type': 'application/cap+xml; charset=utf-8', 'cache-control': 'public, max-age=60' },
  });
});
