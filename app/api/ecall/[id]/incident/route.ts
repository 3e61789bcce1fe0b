// POST /api/ecall/{id}/incident – attach a waiting eCall to the incident opened for it
import { linkEcall } from '@/lib/ecall/ecall-dto';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('ecallLink', async ({ db, principal, params, body }) =>
  linkEcall(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body.incidentId),
);
