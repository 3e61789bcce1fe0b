// POST /api/incidents/{id}/reopen – see lib/incidents/incident-lifecycle.ts

import { handle } from '@/lib/http/handler';
import { reopenIncident } from '@/lib/incidents/incident-lifecycle';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('reopenIncident', async ({ db, principal, params, body }) =>
  reopenIncident(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
