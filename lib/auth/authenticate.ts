import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { apiTokens, sessions, users } from '../../db/schema';
import { env } from '../env';
import type { Principal } from './principal';
import { sha256 } from './secret-token';

export const SESSION_COOKIE = 'cad112_session';

export async function principalFromSession(db: Db, token: string): Promise<Principal | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = sha256(token);
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      stationId: users.stationId,
      centreId: users.centreId,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, sql`now()`),
        eq(users.disabled, false),
        env().DEMO_MODE ? undefined : eq(users.demo, false),
      ),
    )
    .limit(1);
  if (!row) return null;
  // Touch at most once a minute: a session in use is visible to supervisors, without a write per request.
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.tokenHash, tokenHash));
  }
  return {
    kind: 'user',
    id: row.id,
    userId: row.id,
    name: row.username,
    displayName: row.displayName,
    role: row.role,
    stationId: row.stationId,
    centreId: row.centreId,
    credentialHash: tokenHash,
  };
}

export async function principalFromApiToken(db: Db, token: string): Promise<Principal | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  return {
    kind: 'token',
    id: row.id,
    userId: null,
    name: row.name,
    displayName: row.name,
    role: row.role,
    stationId: row.stationId,
    centreId: row.centreId,
    credentialHash: row.tokenHash,
  };
}

/** Reads the session cookie or the bearer token from request headers. */
/** Of the given credential hashes, those still valid: live sessions of enabled users, unrevoked tokens. */
export async function validCredentials(db: Db, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const list = sql.join(
    hashes.map((h) => sql`${h}`),
    sql`, `,
  );
  const rows = await db.execute(sql`
    select s.token_hash as h from sessions s join users u on u.id = s.user_id
     where s.token_hash in (${list}) and s.expires_at > now() and not u.disabled
       and (not u.demo or ${env().DEMO_MODE})
    union all
    select t.token_hash from api_tokens t where t.token_hash in (${list}) and t.revoked_at is null`);
  return new Set(rowsOf<{ h: string }>(rows).map((r) => r.h));
}

export async function authenticate(
  db: Db,
  headers: { cookie?: string | null; authorization?: string | null },
): Promise<Principal | null> {
  const auth = headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth);
  if (bearer?.[1]) return principalFromApiToken(db, bearer[1]);
  const token = readCookie(headers.cookie ?? '', SESSION_COOKIE);
  return token ? principalFromSession(db, token) : null;
}

export function readCookie(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const eqAt = part.indexOf('=');
    if (eqAt < 0) continue;
    if (part.slice(0, eqAt).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eqAt + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
