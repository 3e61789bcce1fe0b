import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema';
import { AppError } from '../errors';
import { dummyHash, verifyPassword } from './password';
import { newSecretToken, sha256 } from './secret-token';

export const ZLogin = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: { id: number; username: string; displayName: string; role: string; stationId: number | null };
}

// Checks the password and opens a new server-side session. A fresh token on every login
// (no session fixation); only its hash is stored.
export async function login(
  db: Db,
  input: { username: string; password: string; ttlHours: number; allowDemo: boolean },
): Promise<LoginResult> {
  const [user] = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.username, input.username),
        eq(users.disabled, false),
        // Demo accounts have published passwords: outside demo mode they do not exist.
        input.allowDemo ? undefined : eq(users.demo, false),
      ),
    )
    .limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
  if (!user || !ok) throw new AppError('unauthenticated', 'wrong username or password');
  const token = newSecretToken();
  const expiresAt = new Date(Date.now() + input.ttlHours * 3600_000);
  await db.insert(sessions).values({ tokenHash: sha256(token), userId: user.id, expiresAt });
  return {
    token,
    expiresAt,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      stationId: user.stationId,
    },
  };
}
