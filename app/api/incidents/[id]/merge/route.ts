// POST /api/incidents/{id}/merge – merge a duplicate into the incident that stays

import { handle } from '@/lib/http/handler';
import { mergeIncident } from '@/lib/incidents/merge-incident';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('mergeIncident', async ({ db, principal, params, body }) =>
  mergeIncident(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
