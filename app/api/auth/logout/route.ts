// POST /api/auth/logout – end the session on the server and clear the cookie
import { readCookie, SESSION_COOKIE } from '@/lib/auth/authenticate';
import { logout } from '@/lib/auth/logout';
import { handle, json } from '@/lib/http/handler';

export const POST = handle('logout', async ({ db, req }) => {
  const token = readCookie(req.headers.get('cookie') ?? '', SESSION_COOKIE);
  if (token) await logout(db, token);
  return json({ ok: true }, 200, {
    'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
  });
});
