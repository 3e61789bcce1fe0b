// GET /api/incidents/{id}/emsi – the incident as an EMSI message
import { eq, inArray } from 'drizzle-orm';
import { incidentTypes, units } from '@/db/schema';
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
  const unitIds = inc.assignments.map((a) => a.unitId);
  const caps = unitIds.length
    ? await db
        .select({ id: units.id, capabilities: units.capabilities })
        .from(units)
        .where(inArray(units.id, unitIds))
    : [];
  const xml = incidentEmsi(inc, {
    orgId: env().CAP_SENDER,
    orgName: messages.en.centre,
    typeNameEn: type?.nameEn ?? inc.type,
    capabilities: new Map(caps.map((u) => [u.id, u.capabilities])),
  });
  return new Response(xml, {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'no-store' },
  });
});
