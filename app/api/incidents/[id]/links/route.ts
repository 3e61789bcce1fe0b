// POST /api/incidents/{id}/links – link (or unlink) a related incident

import { handle } from '@/lib/http/handler';
import { linkIncident } from '@/lib/incidents/merge-incident';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('linkIncident', async ({ db, principal, params, body }) =>
  linkIncident(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
