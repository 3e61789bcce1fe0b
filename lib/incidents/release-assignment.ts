import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { assignments, incidents, units } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound, pgErrorCode } from '../errors';
import { inWriteTx, type WriteTx } from '../events/write-tx';
import { applyUnitStatus } from '../units/change-unit-status';
import { authorOf, writeNote } from './add-incident-note';
import { assignInTx } from './assign-unit';
import type { TReleaseAssignment, TSwapAssignment } from './schemas';

// Standing a unit down from an incident: a release (the crew is no longer needed there), the
// cancelling of an alert not yet acknowledged (also the dispatcher's undo of a mistaken assignment),
// and a swap (another unit in its place) — each one write with the unit's and assignment's events and
// the reason on the timeline.

interface Active {
  id: number;
  incidentId: number;
  unitId: number;
  callsign: string;
  status: string;
}

async function lockActive(w: WriteTx, assignmentId: number): Promise<Active> {
  const read = async () => {
    const [a] = await w.tx
      .select({
        id: assignments.id,
        incidentId: assignments.incidentId,
        unitId: assignments.unitId,
        callsign: units.callsign,
        status: assignments.status,
        releasedAt: assignments.releasedAt,
      })
      .from(assignments)
      .innerJoin(units, eq(units.id, assignments.unitId))
      .where(eq(assignments.id, assignmentId));
    return a;
  };
  const first = await read();
  if (!first) throw notFound('assignment');
  // Incident first, then unit: the lock order every writer uses. Read again under the lock: a release
  // (or a merge) that committed meanwhile decides.
  await w.tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(eq(incidents.id, first.incidentId))
    .for('update');
  const a = await read();
  if (!a) throw notFound('assignment');
  if (a.releasedAt !== null)
    throw new AppError('invalid_transition', `${a.callsign} was already released`, [
      { field: 'id', message: 'already released' },
    ]);
  return a;
}

async function release(w: WriteTx, a: Active, reason: string | undefined, actor: Principal) {
  const kind = a.status === 'alerted' ? 'alert_cancelled' : 'released';
  await applyUnitStatus(w, a.unitId, 'available');
  await writeNote(w, a.incidentId, reason ? `${a.callsign}: ${reason}` : a.callsign, authorOf(actor), kind);
}

export async function releaseAssignment(
  db: Db,
  actor: Principal,
  assignmentId: number,
  input: TReleaseAssignment,
) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const a = await lockActive(w, assignmentId);
    await release(w, a, input.reason, actor);
    const [row] = await w.tx
      .select({ status: assignments.status })
      .from(assignments)
      .where(eq(assignments.id, a.id));
    return { id: a.id, incidentId: a.incidentId, unitId: a.unitId, status: row?.status ?? 'released' };
  });
  return result;
}

/** Releases the assignment's unit and alerts `unitId` to the same incident, in one write. */
export async function swapAssignment(db: Db, actor: Principal, assignmentId: number, input: TSwapAssignment) {
  try {
    const { result } = await inWriteTx(db, actor, async (w) => {
      const a = await lockActive(w, assignmentId);
      if (a.unitId === input.unitId)
        throw new AppError('validation_failed', 'the same unit', [
          { field: 'unitId', message: 'choose another unit' },
        ]);
      await applyUnitStatus(w, a.unitId, 'available');
      const next = await assignInTx(w, a.incidentId, input.unitId);
      const text = `${a.callsign} → ${next.callsign}${input.reason ? `: ${input.reason}` : ''}`;
      await writeNote(w, a.incidentId, text, authorOf(actor), 'swapped');
      return next;
    });
    return result;
  } catch (err) {
    if (pgErrorCode(err) === '23505')
      throw new AppError('conflict', 'unit is already assigned', [
        { field: 'unitId', message: 'already assigned' },
      ]);
    throw err;
  }
}
