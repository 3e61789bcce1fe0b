import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  alerts,
  assignments,
  type Incident,
  incidentCallers,
  incidentLinks,
  incidentNotes,
  incidents,
} from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound, present } from '../errors';
import { assignmentUpdated, incidentLinked, incidentUpdated } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { authorOf, writeNote } from './add-incident-note';
import { selectAssignments, selectIncident } from './incident-dto';
import { isOpenIncident, statusOnDispatch } from './incident-status';
import type { TLinkIncident, TMergeIncident } from './schemas';

// A duplicate merged into the incident that stays: its callers, notes and working units move to the
// survivor, it closes with the outcome "duplicate" and points to the survivor. Related incidents that
// stay apart are linked instead.

export async function mergeIncident(db: Db, actor: Principal, id: number, input: TMergeIncident) {
  if (input.into === id)
    throw new AppError('validation_failed', 'an incident cannot be merged into itself', [
      { field: 'into', message: 'choose another incident' },
    ]);
  const { result } = await inWriteTx(db, actor, async (w) => {
    // Both rows locked in id order, as every writer that takes two incidents does.
    const rows = await w.tx
      .select()
      .from(incidents)
      .where(inArray(incidents.id, [id, input.into]))
      .orderBy(incidents.id)
      .for('update');
    const dup = rows.find((r) => r.id === id);
    const survivor = rows.find((r) => r.id === input.into);
    if (!dup) throw notFound('incident');
    if (!survivor)
      throw new AppError('validation_failed', 'no such incident', [{ field: 'into', message: 'not found' }]);
    if (dup.version !== input.version)
      throw new AppError('stale_version', `incident changed since version ${input.version}`, [], {
        currentVersion: dup.version,
        current: await selectIncident(w.tx, id),
      });
    assertOpen(dup, 'status');
    assertOpen(survivor, 'into');

    // The duplicate's own caller becomes one of the survivor's callers; its other callers move.
    if (dup.callerPhone || dup.callerName)
      await w.tx.insert(incidentCallers).values({
        incidentId: survivor.id,
        phone: dup.callerPhone,
        name: dup.callerName,
        note: dup.description.slice(0, 4000),
        createdBy: actor.userId,
        createdAt: dup.createdAt,
      });
    await w.tx
      .update(incidentCallers)
      .set({ incidentId: survivor.id })
      .where(eq(incidentCallers.incidentId, dup.id));
    await w.tx
      .update(incidentNotes)
      .set({ incidentId: survivor.id })
      .where(eq(incidentNotes.incidentId, dup.id));
    const moved = await w.tx
      .update(assignments)
      .set({ incidentId: survivor.id })
      .where(and(eq(assignments.incidentId, dup.id), isNull(assignments.releasedAt)))
      .returning({ id: assignments.id, status: assignments.status });
    if (moved.length > 0)
      await w.tx
        .update(alerts)
        .set({ incidentId: survivor.id })
        .where(
          inArray(
            alerts.assignmentId,
            moved.map((m) => m.id),
          ),
        );

    const text = `${dup.number} → ${survivor.number}${input.remark ? `: ${input.remark}` : ''}`;
    await w.tx
      .update(incidents)
      .set({
        status: 'closed',
        outcome: 'duplicate',
        mergedInto: survivor.id,
        closeRemark: input.remark ?? '',
        closedAt: sql`now()`,
        updatedAt: sql`now()`,
        version: sql`${incidents.version} + 1`,
      })
      .where(eq(incidents.id, dup.id));
    const survivorStatus = moved.length > 0 ? statusOnDispatch(survivor.status) : null;
    await w.tx
      .update(incidents)
      .set({
        ...(survivorStatus ? { status: survivorStatus } : {}),
        updatedAt: sql`now()`,
        version: sql`${incidents.version} + 1`,
      })
      .where(eq(incidents.id, survivor.id));
    await writeNote(w, dup.id, text, authorOf(actor), 'merged');
    await writeNote(w, survivor.id, text, authorOf(actor), 'merged');

    const dupDto = present(await selectIncident(w.tx, dup.id), 'incident');
    const survivorDto = present(await selectIncident(w.tx, survivor.id), 'incident');
    const callerBefore = { phone: survivor.callerPhone, name: survivor.callerName };
    w.emit(
      incidentUpdated(dupDto, ['status', 'outcome', 'mergedInto'], {
        status: dup.status,
        outcome: dup.outcome,
        mergedInto: dup.mergedInto,
      }),
    );
    w.emit(
      incidentUpdated(
        survivorDto,
        survivorStatus ? ['status', 'caller'] : ['caller'],
        survivorStatus ? { status: survivor.status, caller: callerBefore } : { caller: callerBefore },
      ),
    );
    if (moved.length > 0) {
      const dtos = await selectAssignments(w.tx, [survivor.id]);
      for (const m of moved) {
        const dto = dtos.find((a) => a.id === m.id);
        if (dto) w.emit(assignmentUpdated(dto, m.status));
      }
    }
    return { incident: dupDto, into: survivorDto, movedAssignments: moved.length };
  });
  return result;
}

function assertOpen(inc: Incident, field: string): void {
  if (!isOpenIncident(inc.status))
    throw new AppError('invalid_transition', `incident ${inc.number} is ${inc.status}`, [
      { field, message: `incident is ${inc.status}` },
    ]);
}

/** Links (or unlinks) two incidents; stored once per pair, the smaller id first. */
export async function linkIncident(db: Db, actor: Principal, id: number, input: TLinkIncident) {
  if (input.other === id)
    throw new AppError('validation_failed', 'an incident cannot be linked to itself', [
      { field: 'other', message: 'choose another incident' },
    ]);
  const [a, b] = id < input.other ? [id, input.other] : [input.other, id];
  const { result } = await inWriteTx(db, actor, async (w) => {
    const found = await w.tx
      .select({ id: incidents.id })
      .from(incidents)
      .where(inArray(incidents.id, [a, b]));
    if (!found.some((r) => r.id === id)) throw notFound('incident');
    if (!found.some((r) => r.id === input.other))
      throw new AppError('validation_failed', 'no such incident', [{ field: 'other', message: 'not found' }]);
    const pair = and(eq(incidentLinks.incidentId, a), eq(incidentLinks.linkedId, b));
    const changed = input.linked
      ? await w.tx
          .insert(incidentLinks)
          .values({ incidentId: a, linkedId: b, createdBy: actor.userId })
          .onConflictDoNothing()
          .returning({ a: incidentLinks.incidentId })
      : await w.tx.delete(incidentLinks).where(pair).returning({ a: incidentLinks.incidentId });
    // Repeating a link (or an unlink) changes nothing and logs nothing.
    if (changed.length > 0) w.emit(incidentLinked(id, input.other, input.linked));
    return { incidentId: id, other: input.other, linked: input.linked };
  });
  return result;
}

export interface LinkedIncident {
  id: number;
  number: string;
  type: string;
  status: Incident['status'];
  /** 'link': related; 'merged': a duplicate merged into this one; 'into': the one this was merged into. */
  relation: 'link' | 'merged' | 'into';
}

/** The incidents related to one: links both ways, duplicates merged into it, and where it was merged. */
export async function selectRelated(
  db: Db,
  id: number,
  mergedInto: number | null,
): Promise<LinkedIncident[]> {
  const linkRows = await db
    .select({ a: incidentLinks.incidentId, b: incidentLinks.linkedId })
    .from(incidentLinks)
    .where(or(eq(incidentLinks.incidentId, id), eq(incidentLinks.linkedId, id)));
  const linked = new Set(linkRows.map((r) => (r.a === id ? r.b : r.a)));
  const rows = await db
    .select({
      id: incidents.id,
      number: incidents.number,
      type: incidents.type,
      status: incidents.status,
      mergedInto: incidents.mergedInto,
    })
    .from(incidents)
    .where(
      or(
        linked.size > 0 ? inArray(incidents.id, [...linked]) : sql`false`,
        eq(incidents.mergedInto, id),
        mergedInto !== null ? eq(incidents.id, mergedInto) : sql`false`,
      ),
    )
    .orderBy(incidents.id);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    type: r.type,
    status: r.status,
    relation: r.id === mergedInto ? 'into' : r.mergedInto === id ? 'merged' : 'link',
  }));
}
