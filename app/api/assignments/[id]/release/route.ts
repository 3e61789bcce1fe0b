// POST /api/assignments/{id}/release – release a unit, or cancel an unacknowledged alert

import { handle } from '@/lib/http/handler';
import { releaseAssignment } from '@/lib/incidents/release-assignment';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('releaseAssignment', async ({ db, principal, params, body }) =>
  releaseAssignment(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
