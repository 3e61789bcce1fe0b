// GET /api/users – accounts; POST /api/users – a supervisor opens an account
import { handle } from '@/lib/http/handler';
import { createUser } from '@/lib/users/create-user';
import { listUsers } from '@/lib/users/user-dto';

export const GET = handle('listUsers', async ({ db }) => listUsers(db));

export const POST = handle('createUser', async ({ db, principal, body }) => createUser(db, principal, body));
