import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { endUserSessions } from '../auth/logout';
import { hashPassword } from '../auth/password';
import type { Principal } from '../auth/principal';
import { staffCentreId } from '../centres/staff';
import { AppError, notFound, present } from '../errors';
import { passwordReset, userUpdated } from '../events/build';
import { inWriteTx, type WriteTx } from '../events/write-tx';
import { assertStationExists } from '../stations/assert-station';
import { stationRoleProblem, type TUpdateUser } from './schemas';
import { selectUser } from './user-dto';

// A change of who someone is (role, station) or whether they may work (disabled) ends their sessions
// at once, so a demoted or disabled account cannot keep acting on an open screen.
export async function updateUser(db: Db, actor: Principal, id: number, patch: TUpdateUser) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [before] = await w.tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!before) throw notFound('user');
    const role = patch.role ?? before.role;
    const stationId = patch.stationId !== undefined ? patch.stationId : before.stationId;
    // The patch alone may be consistent while the account it lands on is not (a new role, old station).
    const problem = stationRoleProblem(role, stationId);
    if (problem)
      throw new AppError('validation_failed', 'station and role do not match', [
        { field: 'body.stationId', message: problem },
      ]);
    if (actor.userId === id && (patch.disabled === true || (patch.role && patch.role !== before.role)))
      throw new AppError('conflict', 'you cannot disable yourself or change your own role', [
        { field: patch.disabled ? 'body.disabled' : 'body.role', message: 'ask another supervisor' },
      ]);
    if (stationId !== null && stationId !== before.stationId) await assertStationExists(w.tx, stationId);
    const centreId = await staffCentreId(w.tx, role, patch.centreId, {
      actor,
      current: before.centreId,
      field: 'body.centreId',
    });
    await w.tx
      .update(users)
      .set({
        displayName: patch.displayName ?? before.displayName,
        role,
        stationId,
        centreId,
        disabled: patch.disabled ?? before.disabled,
      })
      .where(eq(users.id, id));
    await assertSupervisorRemains(w);
    const changes = Object.keys(patch).filter(
      (k) => patch[k as keyof TUpdateUser] !== before[k as keyof typeof before],
    );
    const sessionsEnded =
      (patch.disabled === true && !before.disabled) ||
      role !== before.role ||
      stationId !== before.stationId ||
      centreId !== before.centreId
        ? await endUserSessions(w.tx, id)
        : 0;
    const user = present(await selectUser(w.tx, id), 'user');
    w.emit(
      userUpdated({
        user,
        changes,
        before: {
          displayName: before.displayName,
          role: before.role,
          stationId: before.stationId,
          disabled: before.disabled,
        },
        sessionsEnded,
      }),
    );
    return user;
  });
  return result;
}

/** A supervisor sets a new password (the person forgot it, or it leaked): every session of theirs ends. */
export async function resetPassword(db: Db, actor: Principal, id: number, password: string) {
  const passwordHash = await hashPassword(password);
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [row] = await w.tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, id))
      .returning({ id: users.id, username: users.username });
    if (!row) throw notFound('user');
    const sessionsEnded = await endUserSessions(w.tx, id);
    w.emit(passwordReset({ user: row, sessionsEnded }));
    return { ...row, sessionsEnded };
  });
  return result;
}

async function assertSupervisorRemains(w: WriteTx): Promise<void> {
  const [row] = await w.tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(users)
    .where(and(eq(users.role, 'supervisor'), eq(users.disabled, false)));
  if ((row?.n ?? 0) === 0)
    throw new AppError('conflict', 'the centre would have no supervisor left', [
      { field: 'body', message: 'at least one enabled supervisor must remain' },
    ]);
}
