// PATCH /api/users/{id} – change an account's name, role, station or disabled
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { updateUser } from '@/lib/users/update-user';
import { parseOrThrow } from '@/lib/validation';

export const PATCH = handle('updateUser', async ({ db, principal, params, body }) =>
  updateUser(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body),
);
