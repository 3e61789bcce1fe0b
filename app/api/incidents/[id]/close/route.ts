// POST /api/incidents/{id}/close – see lib/incidents/incident-lifecycle.ts

import { handle } from '@/lib/http/handler';
import { closeIncident } from '@/lib/incidents/incident-lifecycle';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('closeIncident', async ({ db, principal, params, body }) =>
  closeIncident(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
