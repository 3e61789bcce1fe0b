// POST /api/incidents – log an incident (Idempotency-Key honoured); GET /api/incidents – list them

import { handle } from '@/lib/http/handler';
import { createIncident } from '@/lib/incidents/create-incident';
import { listIncidents } from '@/lib/incidents/list-incidents';

export const POST = handle('createIncident', async ({ db, principal, body }) =>
  createIncident(db, principal, body),
);

export const GET = handle('listIncidents', async ({ db, principal, query }) =>
  listIncidents(db, principal, {
    status: query.status,
    number: query.number,
    mine: query.mine === 'true',
    limit: query.limit,
  }),
);
