// POST /api/auth/login – check the password, open a server-side session, set the cookie
import { readCookie, SESSION_COOKIE } from '@/lib/auth/authenticate';
import { login } from '@/lib/auth/login';
import { loginRateLimit } from '@/lib/auth/login-rate-limit';
import { logout } from '@/lib/auth/logout';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { handle, json } from '@/lib/http/handler';

export const POST = handle('login', async ({ db, body, req }) => {
  // Set by server.ts from the socket (or a trusted proxy), never taken from the client.
  const ip = req.headers.get('x-cad112-client') ?? 'unknown';
  const limiter = loginRateLimit();
  const wait = limiter.retryAfter(body.username, ip);
  if (wait > 0)
    throw new AppError('rate_limited', `too many failed logins; try again in ${wait} s`, [], {
      retryAfter: wait,
    });
  try {
    const result = await login(db, {
      ...body,
      ttlHours: env().SESSION_TTL_HOURS,
      allowDemo: env().DEMO_MODE,
    });
    limiter.succeeded(body.username, ip);
    // Rotation: a session this browser already had ends now (its sockets too); only the new one lives.
    const previous = readCookie(req.headers.get('cookie') ?? '', SESSION_COOKIE);
    if (previous) await logout(db, previous);
    const cookie = [
      `${SESSION_COOKIE}=${encodeURIComponent(result.token)}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Lax',
      `Max-Age=${env().SESSION_TTL_HOURS * 3600}`,
      ...(env().COOKIE_SECURE ? ['Secure'] : []),
    ].join('; ');
    return json({ user: result.user, expiresAt: result.expiresAt.toISOString() }, 200, {
      'set-cookie': cookie,
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'unauthenticated') limiter.failed(body.username, ip);
    throw err;
  }
});
