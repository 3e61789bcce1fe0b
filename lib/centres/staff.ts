import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { CENTRE_STAFF_ROLES, centres } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors';
import { defaultCentreId } from './takeover';

/**
 * The centre an account (or API token) of this role belongs to: the one asked for; else the one it
 * had; else the centre of the supervisor who opens it; else the first centre. None for a station or
 * the national duty officer.
 */
export async function staffCentreId(
  tx: Db,
  role: string,
  requested: number | null | undefined,
  opts: { actor: Principal | null; current?: number | null; field: string },
): Promise<number | null> {
  if (!CENTRE_STAFF_ROLES.includes(role)) {
    if (requested)
      throw new AppError(
        'validation_failed',
        'only call-takers, dispatchers and supervisors belong to a centre',
        [{ field: opts.field, message: 'not for this role' }],
      );
    return null;
  }
  if (requested) {
    const [c] = await tx.select({ id: centres.id }).from(centres).where(eq(centres.id, requested));
    if (!c)
      throw new AppError('validation_failed', 'no such centre', [
        { field: opts.field, message: 'no such centre' },
      ]);
    return c.id;
  }
  return opts.current ?? opts.actor?.centreId ?? (await defaultCentreId(tx));
}
