// GET /api/incidents/{id}/emsi – the incident as an EMSI message
import { eq } from 'drizzle-orm';
import { incidentTypes } from '@/db/schema';
import { env } from '@/lib/env';
import { handle } from '@/lib/http/handler';
import { messages } from '@/lib/i18n/messages';
import { getIncident } from '@/lib/incidents/get-incident';
import { ZIdParam } from '@/lib/incidents/schemas';
import { incidentEmsi } from '@/lib/interop/emsi';
import { parseOrThrow } from '@/lib/validation';

export const GET = handle('incidentEmsi', async ({ db, principal, params }) => {
  const inc = await getIncident(db, principal, parseOrThrow(ZIdParam, params.id, 'id'));
  const [type] = await db.select().from(incidentTypes).where(eq(incidentTypes.code, inc.type));
  const xml = incidentEmsi(inc, {
    orgId: env().CAP_SENDER,
    orgName: messages.en.centre,
    typeNameEn: type?.nameEn ?? inc.type,
  });
  return new Response(xml, {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'no-store' },
  });
});
