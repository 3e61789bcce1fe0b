// GET /api/incidents/{id}/cap – the incident as a CAP 1.2 alert
import { eq } from 'drizzle-orm';
import { incidentTypes } from '@/db/schema';
import { env } from '@/lib/env';
import { handle } from '@/lib/http/handler';
import { messages } from '@/lib/i18n/messages';
import { getIncident } from '@/lib/incidents/get-incident';
import { ZIdParam } from '@/lib/incidents/schemas';
import { incidentCap } from '@/lib/interop/cap';
import { parseOrThrow } from '@/lib/validation';

export const GET = handle('incidentCap', async ({ db, principal, params }) => {
  const inc = await getIncident(db, principal, parseOrThrow(ZIdParam, params.id, 'id'));
  const [type] = await db.select().from(incidentTypes).where(eq(incidentTypes.code, inc.type));
  const xml = incidentCap(inc, {
    sender: env().CAP_SENDER,
    senderName: { sl: messages.sl.centre, en: messages.en.centre },
    typeName: { sl: type?.nameSl ?? inc.type, en: type?.nameEn ?? inc.type },
  });
  return new Response(xml, {
    headers: { 'content-type': 'application/cap+xml; charset=utf-8', 'cache-control': 'no-store' },
  });
});
