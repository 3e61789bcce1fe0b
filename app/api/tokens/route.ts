// GET /api/tokens – integration tokens; POST /api/tokens – issue one (the secret is shown once)
import { createApiToken, listApiTokens } from '@/lib/auth/manage-api-tokens';
import { handle } from '@/lib/http/handler';

export const GET = handle('listApiTokens', async ({ db }) => listApiTokens(db));

export const POST = handle('createApiToken', async ({ db, principal, body }) =>
  createApiToken(db, principal, body),
);
