// POST /api/incidents/{id}/cancel – see lib/incidents/incident-lifecycle.ts

import { handle } from '@/lib/http/handler';
import { cancelIncident } from '@/lib/incidents/incident-lifecycle';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('cancelIncident', async ({ db, principal, params, body }) =>
  cancelIncident(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
