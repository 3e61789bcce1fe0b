// POST /api/auth/login – check the password, open a server-side session, set the cookie
import { readCookie, SESSION_COOKIE } from '@/lib/auth/authenticate';
import { login } from '@/lib/auth/login';
import {
  DEVICE_COOKIE,
  DEVICE_COOKIE_DAYS,
  knownDevice,
  recordFailure,
  recordSuccess,
  rememberDevice,
  retryAfter,
  throttleKeys,
} from '@/lib/auth/login-throttle';
import { logout } from '@/lib/auth/logout';
import { newSecretToken } from '@/lib/auth/secret-token';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { handle, type JsonResponse } from '@/lib/http/handler';

export const POST = handle('login', async ({ db, body, req }) => {
  // Set by server.ts from the socket (or a trusted proxy), never taken from the client.
  const ip = req.headers.get('x-cad112-client') ?? 'unknown';
  const cookies = req.headers.get('cookie') ?? '';
  const deviceToken = readCookie(cookies, DEVICE_COOKIE) ?? null;
  const device = await knownDevice(db, body.username, deviceToken);
  const keys = throttleKeys(body.username, ip, device);
  const wait = await retryAfter(db, keys);
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
    await recordSuccess(db, keys);
    const remembered = await rememberDevice(db, result.user.id, deviceToken, newSecretToken);
    // Rotation: a session this browser already had ends now (its sockets too); only the new one lives.
    const previous = readCookie(cookies, SESSION_COOKIE);
    if (previous) await logout(db, previous);
    const secure = env().COOKIE_SECURE ? ['Secure'] : [];
    const cookie = [
      `${SESSION_COOKIE}=${encodeURIComponent(result.token)}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Lax',
      `Max-Age=${env().SESSION_TTL_HOURS * 3600}`,
      ...secure,
    ].join('; ');
    const headers = new Headers({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    headers.append('set-cookie', cookie);
    // The browser is remembered for this account: its sign-ins are throttled on their own counter.
    if (remembered.set)
      headers.append(
        'set-cookie',
        [
          `${DEVICE_COOKIE}=${encodeURIComponent(remembered.token)}`,
          'Path=/api/auth/login',
          'HttpOnly',
          'SameSite=Strict',
          `Max-Age=${DEVICE_COOKIE_DAYS * 86_400}`,
          ...secure,
        ].join('; '),
      );
    return new Response(JSON.stringify({ user: result.user, expiresAt: result.expiresAt.toISOString() }), {
      status: 200,
      headers,
    }) as JsonResponse<{ user: typeof result.user; expiresAt: string }>;
  } catch (err) {
    if (err instanceof AppError && err.code === 'unauthenticated') await recordFailure(db, keys);
    throw err;
  }
});
