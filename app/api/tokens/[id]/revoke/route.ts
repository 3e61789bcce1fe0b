// POST /api/tokens/{id}/revoke – revoke an integration token
import { revokeApiToken } from '@/lib/auth/manage-api-tokens';
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('revokeApiToken', async ({ db, principal, params }) =>
  revokeApiToken(db, principal, parseOrThrow(ZIdParam, params.id, 'id')),
);
