// POST /api/assignments/{id}/swap – another unit in this one's place

import { handle } from '@/lib/http/handler';
import { swapAssignment } from '@/lib/incidents/release-assignment';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('swapAssignment', async ({ db, principal, params, body }) =>
  swapAssignment(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
