import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { stations, users } from '../../db/schema';

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: string;
  stationId: number | null;
  stationName: string | null;
  /** The centre a call-taker, dispatcher or supervisor works in. */
  centreId: number | null;
  disabled: boolean;
  demo: boolean;
  createdAt: string;
  /** The newest activity of any of the user's sessions (touched at most once a minute). */
  lastSeenAt: string | null;
}

// Never the password hash: this is what the API and the event log carry.
export async function selectUsers(db: Db, where?: SQL): Promise<UserDto[]> {
  const rows = await db
    .select({
      u: users,
      stationName: stations.name,
      lastSeenAt: sql<
        string | null
      >`(select max(s.last_seen_at) from sessions s where s.user_id = ${users.id})`,
    })
    .from(users)
    .leftJoin(stations, eq(stations.id, users.stationId))
    .where(where)
    .orderBy(asc(users.username));
  return rows.map(({ u, stationName, lastSeenAt }) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    stationId: u.stationId,
    stationName,
    centreId: u.centreId,
    disabled: u.disabled,
    demo: u.demo,
    createdAt: u.createdAt.toISOString(),
    lastSeenAt: lastSeenAt ? new Date(lastSeenAt).toISOString() : null,
  }));
}

export async function selectUser(db: Db, id: number): Promise<UserDto | undefined> {
  const [u] = await selectUsers(db, eq(users.id, id));
  return u;
}

export function listUsers(db: Db): Promise<UserDto[]> {
  return selectUsers(db);
}
