import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { centres, incidents, incidentTransfers } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound, present } from '../errors';
import { transferAccepted, transferRequested } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { selectIncident } from '../incidents/incident-dto';
import { isOpenIncident } from '../incidents/incident-status';
import { centresHandledBy, handlingCentre } from './centre-dto';
import type { TRequestTransfer } from './schemas';

// An incident handed from one centre to another (it happened on the border, the caller is in one
// region and the scene in another, or a centre is taken over for long): the owning centre asks, the
// other centre acknowledges, and on acknowledgement the incident is the other centre's. Until then the
// owner keeps it — an incident is never between owners. The centre handling a taken-over region acts
// for it on both sides.

export interface TransferDto {
  id: number;
  incidentId: number;
  incidentNumber: string;
  fromCentreId: number;
  fromCentreCode: string;
  toCentreId: number;
  toCentreCode: string;
  reason: string;
  requestedAt: string;
  requestedByName: string;
  acceptedAt: string | null;
  acceptedByName: string | null;
}

const fromC = alias(centres, 'from_centre');
const toC = alias(centres, 'to_centre');

export async function selectTransfers(db: Db, where: SQL | undefined, limit = 200): Promise<TransferDto[]> {
  const rows = await db
    .select({
      t: incidentTransfers,
      number: incidents.number,
      fromCode: fromC.code,
      toCode: toC.code,
    })
    .from(incidentTransfers)
    .innerJoin(incidents, eq(incidents.id, incidentTransfers.incidentId))
    .innerJoin(fromC, eq(fromC.id, incidentTransfers.fromCentreId))
    .innerJoin(toC, eq(toC.id, incidentTransfers.toCentreId))
    .where(where)
    .orderBy(desc(incidentTransfers.requestedAt), desc(incidentTransfers.id))
    .limit(limit);
  return rows.map(({ t, number, fromCode, toCode }) => ({
    id: t.id,
    incidentId: t.incidentId,
    incidentNumber: number,
    fromCentreId: t.fromCentreId,
    fromCentreCode: fromCode,
    toCentreId: t.toCentreId,
    toCentreCode: toCode,
    reason: t.reason,
    requestedAt: t.requestedAt.toISOString(),
    requestedByName: t.requestedByName,
    acceptedAt: t.acceptedAt?.toISOString() ?? null,
    acceptedByName: t.acceptedByName ?? null,
  }));
}

/**
 * Whether the actor speaks for a centre: its own staff (also while it is taken over: in an overflow
 * they still work), the staff of the centre that has taken it over, national.
 */
async function speaksFor(tx: Db, actor: Principal, centreId: number): Promise<boolean> {
  if (actor.role === 'national') return true;
  if (actor.centreId === null) return false;
  if (actor.centreId === centreId) return true;
  return (await handlingCentre(tx, centreId)) === actor.centreId;
}

export async function requestTransfer(db: Db, actor: Principal, incidentId: number, input: TRequestTransfer) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [inc] = await w.tx.select().from(incidents).where(eq(incidents.id, incidentId)).for('update');
    if (!inc) throw notFound('incident');
    if (!isOpenIncident(inc.status))
      throw new AppError('invalid_transition', 'a closed incident is not handed over', [
        { field: 'status', message: inc.status },
      ]);
    const [to] = await w.tx.select().from(centres).where(eq(centres.id, input.centreId));
    if (!to)
      throw new AppError('validation_failed', 'no such centre', [
        { field: 'centreId', message: 'no such centre' },
      ]);
    if (to.id === inc.centreId)
      throw new AppError('validation_failed', 'the incident is already that centre’s', [
        { field: 'centreId', message: 'another centre than the owner' },
      ]);
    if (!(await speaksFor(w.tx, actor, inc.centreId)))
      throw new AppError('forbidden', 'only the centre that owns the incident hands it over');
    const [pending] = await w.tx
      .select({ id: incidentTransfers.id })
      .from(incidentTransfers)
      .where(and(eq(incidentTransfers.incidentId, incidentId), isNull(incidentTransfers.acceptedAt)));
    if (pending)
      throw new AppError('conflict', 'a hand-over of this incident waits for acknowledgement', [
        { field: 'incidentId', message: 'hand-over pending' },
      ]);
    const [row] = await w.tx
      .insert(incidentTransfers)
      .values({
        incidentId,
        fromCentreId: inc.centreId,
        toCentreId: to.id,
        reason: input.reason,
        requestedByName: actor.displayName,
      })
      .returning({ id: incidentTransfers.id });
    if (!row) throw new Error('transfer insert returned nothing');
    const [transfer] = await selectTransfers(w.tx, eq(incidentTransfers.id, row.id), 1);
    const dto = present(transfer, 'transfer');
    w.emit(transferRequested(dto, present(await selectIncident(w.tx, incidentId), 'incident')));
    return dto;
  });
  return result;
}

/** The receiving centre acknowledges: from now on the incident is its own. A second call changes nothing. */
export async function acceptTransfer(db: Db, actor: Principal, id: number) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [t] = await w.tx.select().from(incidentTransfers).where(eq(incidentTransfers.id, id)).for('update');
    if (!t) throw notFound('hand-over');
    if (!(await speaksFor(w.tx, actor, t.toCentreId)))
      throw new AppError('forbidden', 'only the receiving centre acknowledges the hand-over');
    if (!t.acceptedAt) {
      await w.tx
        .update(incidentTransfers)
        .set({ acceptedAt: sql`now()`, acceptedByName: actor.displayName })
        .where(eq(incidentTransfers.id, id));
      await w.tx
        .update(incidents)
        .set({ centreId: t.toCentreId, updatedAt: sql`now()`, version: sql`${incidents.version} + 1` })
        .where(eq(incidents.id, t.incidentId));
    }
    const [transfer] = await selectTransfers(w.tx, eq(incidentTransfers.id, id), 1);
    const dto = present(transfer, 'transfer');
    if (!t.acceptedAt)
      w.emit(transferAccepted(dto, present(await selectIncident(w.tx, t.incidentId), 'incident')));
    return dto;
  });
  return result;
}

/** Pending hand-overs the actor's centre may acknowledge (national: all), or the last 200 of all. */
export async function listTransfers(db: Db, actor: Principal, state: 'pending' | 'all') {
  if (state === 'all') return selectTransfers(db, undefined, 200);
  const pending = await selectTransfers(db, isNull(incidentTransfers.acceptedAt), 500);
  if (actor.role === 'national' || actor.centreId === null) return pending;
  const mine = new Set(await centresHandledBy(db, actor.centreId));
  return pending.filter((t) => mine.has(t.toCentreId) || mine.has(t.fromCentreId));
}
