import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { calls, centres, centreTakeovers } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound } from '../errors';
import { takeoverEnded, takeoverStarted } from '../events/build';
import { inWriteTx, type WriteTx } from '../events/write-tx';
import { selectCalls } from '../telephony/call-dto';
import { type CentreDto, getCentre, type TakeoverDto, takeoverDto } from './centre-dto';
import type { TStartTakeover } from './schemas';

// A take-over: one action starts it (a supervisor's decision — night consolidation, an evacuated
// centre — or the queue passing the centre's threshold) and one ends it; both are events. While it is
// open the centre's calls are offered to the partner's positions (the edge asks GET
// /api/telephony/route before it rings), and the partner's screens show the region as theirs. The
// incidents keep their centre throughout: nothing is moved, so nothing open can be lost or orphaned —
// when it ends, the same incidents are the centre's own screens' again. Calls waiting at the moment
// move with the state, both ways.

/** Who may start or end a take-over of `centreId` by `partnerId`: that centre's or the partner's supervisor, or national. */
function mayDecide(actor: Principal, centreId: number, partnerId: number): boolean {
  if (actor.role === 'national') return true;
  return actor.role === 'supervisor' && (actor.centreId === centreId || actor.centreId === partnerId);
}

export async function startTakeover(
  db: Db,
  actor: Principal | null,
  centreId: number,
  input: TStartTakeover,
) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [centre] = await w.tx.select().from(centres).where(eq(centres.id, centreId));
    if (!centre) throw notFound('centre');
    const partnerId = input.partnerId ?? centre.partnerId;
    if (!partnerId)
      throw new AppError('validation_failed', 'the centre has no default partner: name one', [
        { field: 'partnerId', message: 'required: the centre that takes over' },
      ]);
    if (actor && !mayDecide(actor, centreId, partnerId))
      throw new AppError(
        'forbidden',
        "only the centre's or the partner's supervisor, or the national duty officer",
      );
    return begin(w, centreId, partnerId, input.reason, input.note ?? '');
  });
  return result;
}

/** Opens the take-over in the caller's transaction (a decision, or the edge's overflow). */
async function begin(
  w: WriteTx,
  centreId: number,
  partnerId: number,
  reason: TakeoverDto['reason'],
  note: string,
) {
  const tx = w.tx;
  // One take-over decision at a time, country-wide: the checks below read other centres' state.
  await tx.execute(sql`select pg_advisory_xact_lock(112000002)`);
  const [partner] = await tx.select().from(centres).where(eq(centres.id, partnerId));
  if (!partner)
    throw new AppError('validation_failed', 'no such centre', [
      { field: 'partnerId', message: 'no such centre' },
    ]);
  if (partnerId === centreId)
    throw new AppError('validation_failed', 'a centre cannot take itself over', [
      { field: 'partnerId', message: 'another centre' },
    ]);
  const open = await tx.select().from(centreTakeovers).where(isNull(centreTakeovers.endedAt));
  if (open.some((t) => t.centreId === centreId))
    throw new AppError('conflict', 'the centre is already taken over: end that first', [
      { field: 'centre', message: 'already taken over' },
    ]);
  // No chains: calls would be passed on twice and nobody would be sure who answers.
  if (open.some((t) => t.centreId === partnerId))
    throw new AppError('conflict', 'the partner is itself taken over', [
      { field: 'partnerId', message: 'taken over by another centre' },
    ]);
  if (open.some((t) => t.partnerId === centreId))
    throw new AppError('conflict', "the centre handles another centre's region: hand that back first", [
      { field: 'centre', message: "handles another centre's region" },
    ]);
  const [row] = await tx
    .insert(centreTakeovers)
    .values({
      centreId,
      partnerId,
      reason,
      note,
      startedBy: w.actor?.userId ?? null,
      startedByName: w.actor?.displayName ?? 'system',
    })
    .returning();
  if (!row) throw new Error('take-over insert returned nothing');
  const moved = await tx
    .update(calls)
    .set({ routedCentreId: partnerId, updatedAt: sql`now()` })
    .where(and(eq(calls.state, 'waiting'), eq(calls.routedCentreId, centreId)))
    .returning({ id: calls.id });
  const takeover = takeoverDto(row);
  const centre = (await getCentre(tx, centreId)) as CentreDto;
  w.emit(takeoverStarted(takeover, centre, await movedCalls(tx, moved)));
  return { takeover, centre };
}

export async function endTakeover(db: Db, actor: Principal, centreId: number) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const tx = w.tx;
    await tx.execute(sql`select pg_advisory_xact_lock(112000002)`);
    const [centre] = await tx.select().from(centres).where(eq(centres.id, centreId));
    if (!centre) throw notFound('centre');
    const [open] = await tx
      .select()
      .from(centreTakeovers)
      .where(and(eq(centreTakeovers.centreId, centreId), isNull(centreTakeovers.endedAt)))
      .for('update');
    if (!open)
      throw new AppError('conflict', 'the centre is not taken over', [
        { field: 'centre', message: 'not taken over' },
      ]);
    if (!mayDecide(actor, centreId, open.partnerId))
      throw new AppError(
        'forbidden',
        "only the centre's or the partner's supervisor, or the national duty officer",
      );
    const [row] = await tx
      .update(centreTakeovers)
      .set({ endedAt: sql`now()`, endedByName: actor.displayName })
      .where(eq(centreTakeovers.id, open.id))
      .returning();
    if (!row) throw new Error('take-over update returned nothing');
    // The region's calls still waiting at the partner go back to the centre's own positions.
    const moved = await tx
      .update(calls)
      .set({ routedCentreId: centreId, updatedAt: sql`now()` })
      .where(
        and(
          eq(calls.state, 'waiting'),
          eq(calls.centreId, centreId),
          eq(calls.routedCentreId, open.partnerId),
        ),
      )
      .returning({ id: calls.id });
    const takeover = takeoverDto(row);
    const dto = (await getCentre(tx, centreId)) as CentreDto;
    w.emit(takeoverEnded(takeover, dto, await movedCalls(tx, moved)));
    return { takeover, centre: dto };
  });
  return result;
}

async function movedCalls(tx: Db, moved: { id: number }[]) {
  if (moved.length === 0) return [];
  return selectCalls(
    tx,
    sql`${calls.id} in (${sql.join(
      moved.map((m) => sql`${m.id}`),
      sql`, `,
    )})`,
    moved.length,
  );
}

/** The first centre (the country's fall-back when nothing says which). */
export async function defaultCentreId(tx: Db): Promise<number> {
  const [c] = await tx
    .select({ id: centres.id })
    .from(centres)
    .orderBy(asc(centres.sort), asc(centres.id))
    .limit(1);
  if (!c) throw new Error('no centres: the schema migration seeds them');
  return c.id;
}

/**
 * Where a new call of a centre goes: the centre handling its region now. When the calls waiting there
 * reach the centre's threshold and its partner is free, the overflow take-over starts here, in the
 * offer's transaction (one event), and the call goes to the partner.
 */
export async function routeCall(w: WriteTx, centreId: number): Promise<{ routedCentreId: number }> {
  const tx = w.tx;
  const [open] = await tx
    .select({ partnerId: centreTakeovers.partnerId })
    .from(centreTakeovers)
    .where(and(eq(centreTakeovers.centreId, centreId), isNull(centreTakeovers.endedAt)));
  if (open) return { routedCentreId: open.partnerId };
  const [centre] = await tx.select().from(centres).where(eq(centres.id, centreId));
  if (!centre?.partnerId) return { routedCentreId: centreId };
  const [q] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(calls)
    .where(and(eq(calls.state, 'waiting'), eq(calls.routedCentreId, centreId)));
  if ((q?.n ?? 0) < centre.queueThreshold) return { routedCentreId: centreId };
  try {
    await begin(w, centreId, centre.partnerId, 'overflow', `${q?.n ?? 0} ≥ ${centre.queueThreshold}`);
    return { routedCentreId: centre.partnerId };
  } catch (err) {
    // The partner is in a take-over of its own (its checks throw before any write): the call stays
    // in the centre's queue.
    if (err instanceof AppError && err.code === 'conflict') return { routedCentreId: centreId };
    throw err;
  }
}
