import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { assignments, type Incident, incidents, units } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { env } from '../env';
import { AppError, notFound, present } from '../errors';
import { incidentUpdated } from '../events/build';
import { inWriteTx, type WriteTx } from '../events/write-tx';
import { applyUnitStatus } from '../units/change-unit-status';
import { authorOf, writeNote } from './add-incident-note';
import { type IncidentDto, selectIncident } from './incident-dto';
import { canChangeIncidentStatus, reopenError } from './incident-status';
import type { TCancelIncident, TCloseIncident, TReopenIncident } from './schemas';

// The end of an incident's work and its way back: close with a coded outcome, cancel with a reason,
// reopen within the configured window. Each is one write with its events (incident.updated naming
// status and outcome, the released units' events, the reason on the timeline as a labelled note).

/** The incident locked for a change, refused with 409 and the current state when the version is stale. */
export async function lockIncident(w: WriteTx, id: number, version: number): Promise<Incident> {
  const [current] = await w.tx.select().from(incidents).where(eq(incidents.id, id)).for('update');
  if (!current) throw notFound('incident');
  if (current.version !== version)
    throw new AppError('stale_version', `incident changed since version ${version}`, [], {
      currentVersion: current.version,
      current: await selectIncident(w.tx, id),
    });
  return current;
}

/**
 * Releases the units still working on an incident (each a unit status change with its events). With
 * units on it and no `release`, the action is refused: the dispatcher confirms that they are stood down.
 */
async function releaseActive(w: WriteTx, id: number, release: boolean | undefined): Promise<number[]> {
  const active = await w.tx
    .select({ unitId: assignments.unitId, callsign: units.callsign })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(eq(assignments.incidentId, id), isNull(assignments.releasedAt)));
  if (active.length > 0 && !release)
    throw new AppError(
      'units_assigned',
      `units still assigned: ${active.map((a) => a.callsign).join(', ')}`,
      [{ field: 'releaseUnits', message: 'confirm that the assigned units are released' }],
    );
  for (const a of active) await applyUnitStatus(w, a.unitId, 'available');
  return active.map((a) => a.unitId);
}

async function finish(
  w: WriteTx,
  current: Incident,
  to: 'closed' | 'cancelled',
  outcome: TCloseIncident['outcome'] | null,
  remark: string,
  actor: Principal,
): Promise<IncidentDto> {
  if (!canChangeIncidentStatus(current.status, to))
    throw new AppError('invalid_transition', `incident is ${current.status}`, [
      { field: 'status', message: `not allowed from ${current.status}` },
    ]);
  await w.tx
    .update(incidents)
    .set({
      status: to,
      outcome,
      closeRemark: remark,
      closedAt: sql`now()`,
      updatedAt: sql`now()`,
      version: sql`${incidents.version} + 1`,
    })
    .where(eq(incidents.id, current.id));
  if (remark) await writeNote(w, current.id, remark, authorOf(actor), to);
  const dto = present(await selectIncident(w.tx, current.id), 'incident');
  w.emit(
    incidentUpdated(
      dto,
      to === 'closed' ? ['status', 'outcome'] : ['status'],
      to === 'closed' ? { status: current.status, outcome: current.outcome } : { status: current.status },
    ),
  );
  return dto;
}

export async function closeIncident(db: Db, actor: Principal, id: number, input: TCloseIncident) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const current = await lockIncident(w, id, input.version);
    if (current.status === 'closed' || current.status === 'cancelled')
      throw new AppError('invalid_transition', `incident is ${current.status}`, [
        { field: 'status', message: `already ${current.status}` },
      ]);
    await releaseActive(w, id, input.releaseUnits);
    return finish(w, current, 'closed', input.outcome, input.remark ?? '', actor);
  });
  return result;
}

export async function cancelIncident(db: Db, actor: Principal, id: number, input: TCancelIncident) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const current = await lockIncident(w, id, input.version);
    if (current.status === 'closed' || current.status === 'cancelled')
      throw new AppError('invalid_transition', `incident is ${current.status}`, [
        { field: 'status', message: `already ${current.status}` },
      ]);
    await releaseActive(w, id, input.releaseUnits);
    return finish(w, current, 'cancelled', null, input.reason, actor);
  });
  return result;
}

/** Back to new (its units were released when it closed); the reason goes to the timeline. */
export async function reopenIncident(db: Db, actor: Principal, id: number, input: TReopenIncident) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const current = await lockIncident(w, id, input.version);
    const refused = reopenError(current, env().REOPEN_WINDOW_MIN);
    if (refused) throw new AppError('invalid_transition', refused, [{ field: 'status', message: refused }]);
    await w.tx
      .update(incidents)
      .set({
        status: 'new',
        outcome: null,
        closeRemark: '',
        closedAt: null,
        updatedAt: sql`now()`,
        version: sql`${incidents.version} + 1`,
      })
      .where(eq(incidents.id, id));
    await writeNote(w, id, input.reason, authorOf(actor), 'reopened');
    const dto = present(await selectIncident(w.tx, id), 'incident');
    w.emit(incidentUpdated(dto, ['status', 'outcome'], { status: current.status, outcome: current.outcome }));
    return dto;
  });
  return result;
}
