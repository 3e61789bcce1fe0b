// GET /api/ecall/{id} – one received eCall as read
import { getEcall } from '@/lib/ecall/ecall-dto';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const GET = handle('ecallGet', async ({ db, params }) =>
  getEcall(db, parseOrThrow(ZIdParam, params.id, 'id')),
);
