import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions } from '../../db/schema';
import { sha256 } from './secret-token';

/** Sockets of an ended session are closed by every node listening on this channel. */
export const SESSION_ENDED_CHANNEL = 'cad_session_ended';

export async function logout(db: Db, token: string): Promise<void> {
  const hash = sha256(token);
  await db.delete(sessions).where(eq(sessions.tokenHash, hash));
  await db.execute(sql`select pg_notify(${SESSION_ENDED_CHANNEL}, ${hash})`);
}

/** Ends every session of a user (disabled, role changed, password reset); their sockets close at commit. */
export async function endUserSessions(db: Db, userId: number): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ hash: sessions.tokenHash });
  for (const { hash } of ended) await db.execute(sql`select pg_notify(${SESSION_ENDED_CHANNEL}, ${hash})`);
  return ended.length;
}
