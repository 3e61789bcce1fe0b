import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { hashPassword } from '../auth/password';
import type { Principal } from '../auth/principal';
import { staffCentreId } from '../centres/staff';
import { AppError, present } from '../errors';
import { userCreated } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { assertStationExists } from '../stations/assert-station';
import type { TCreateUser } from './schemas';
import { selectUser } from './user-dto';

/** A supervisor (or `npm run user:add`, actor null) opens an account; the event never holds the password. */
export async function createUser(db: Db, actor: Principal | null, input: TCreateUser) {
  const passwordHash = await hashPassword(input.password);
  const { result } = await inWriteTx(db, actor, async (w) => {
    if (input.stationId) await assertStationExists(w.tx, input.stationId);
    const centreId = await staffCentreId(w.tx, input.role, input.centreId, { actor, field: 'body.centreId' });
    const [row] = await w.tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        stationId: input.stationId ?? null,
        centreId,
        passwordHash,
      })
      .onConflictDoNothing({ target: users.username })
      .returning({ id: users.id });
    if (!row)
      throw new AppError('conflict', 'username taken', [
        { field: 'body.username', message: 'this username is taken' },
      ]);
    const user = await selectUser(w.tx, row.id);
    w.emit(userCreated({ user: present(user, 'user') }));
    return user;
  });
  return result;
}
