// GET /api/incidents/{id} – one incident; PATCH /api/incidents/{id} – change it (version checked)

import { handle } from '@/lib/http/handler';
import { getIncident } from '@/lib/incidents/get-incident';
import { ZIdParam } from '@/lib/incidents/schemas';
import { updateIncident } from '@/lib/incidents/update-incident';
import { parseOrThrow } from '@/lib/validation';

export const GET = handle('getIncident', async ({ db, principal, params }) =>
  getIncident(db, principal, parseOrThrow(ZIdParam, params.id, 'id')),
);

export const PATCH = handle('updateIncident', async ({ db, principal, params, body }) =>
  updateIncident(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
