// POST /api/users/{id}/password – a supervisor sets a new password; the account's sessions end
import { handle } from '@/lib/http/handler';
import { ZIdParam } from '@/lib/incidents/schemas';
import { resetPassword } from '@/lib/users/update-user';
import { parseOrThrow } from '@/lib/validation';

export const POST = handle('resetPassword', async ({ db, principal, params, body }) =>
  resetPassword(db, principal, parseOrThrow(ZIdParam, params.id, 'id'), body.password),
);
