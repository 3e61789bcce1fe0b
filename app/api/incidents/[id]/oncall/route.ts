// GET /api/incidents/{id}/oncall – the services for the incident and the notifications sent
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { incidentOncall } from '@/lib/oncall/incident-oncall';
import { parseOrThrow } from '@/lib/validation';

export const GET = handle('incidentOncall', async ({ db, params }) =>
  incidentOncall(db, parseOrThrow(ZIdParam, params.id, 'id')),
);
