import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agencies, callPositions, calls, incidents, stations } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { env } from '../env';
import { AppError, notFound, present } from '../errors';
import { callEvent, callPositionChanged, callTransferred } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { authorOf, writeNote } from '../incidents/add-incident-note';
import { type CallDto, type CallPositionDto, callById, positionDto, selectPositions } from './call-dto';

// What a call-taker does with a call on the screen: attach it to an incident, transfer it to a service
// through the edge, record a call-back, and say at which position they sit.

export async function getCall(db: Db, id: number): Promise<CallDto> {
  const call = await callById(db, id);
  if (!call) throw notFound('call');
  return call;
}

/** One call with the INVITE as the edge received it, for a person to read when something is doubtful. */
export async function getCallDetail(db: Db, id: number): Promise<CallDto & { raw: string }> {
  const call = await getCall(db, id);
  const [row] = await db.select({ raw: calls.raw }).from(calls).where(eq(calls.id, id));
  return { ...call, raw: row?.raw ?? '' };
}

/** Attaches the call to an incident (a new one, or an existing one for a repeat caller); noted on it. */
export async function linkCall(db: Db, actor: Principal, id: number, incidentId: number): Promise<CallDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [call] = await w.tx.select().from(calls).where(eq(calls.id, id)).for('update');
    if (!call) throw notFound('call');
    if (call.incidentId === incidentId) return present(await callById(w.tx, id), 'call');
    if (call.incidentId !== null)
      throw new AppError('conflict', 'the call is attached to another incident', [
        { field: 'body.incidentId', message: `attached to incident ${call.incidentId}` },
      ]);
    const [inc] = await w.tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId));
    if (!inc)
      throw new AppError('validation_failed', 'no such incident', [
        { field: 'body.incidentId', message: 'no such incident' },
      ]);
    await w.tx.update(calls).set({ incidentId, updatedAt: sql`now()` }).where(eq(calls.id, id));
    const dto = present(await callById(w.tx, id), 'call');
    await writeNote(w, incidentId, callLine(dto), authorOf(actor), 'call_linked');
    w.emit(callEvent('call.linked', dto));
    return dto;
  });
  return result;
}

/** The services a call can be transferred to: stations with a transfer number. */
export async function listTransferTargets(db: Db) {
  return db
    .select({ code: stations.code, name: stations.name, agency: agencies.code, uri: stations.transferUri })
    .from(stations)
    .innerJoin(agencies, eq(agencies.id, stations.agencyId))
    .where(isNotNull(stations.transferUri))
    .orderBy(asc(stations.name));
}

/**
 * Transfers an answered call to a service: the edge sends the caller a REFER (blind transfer) and ends
 * the centre's leg. Recorded as call.transferred, on the incident's timeline when the call is attached.
 */
export async function transferCall(
  db: Db,
  actor: Principal,
  id: number,
  targetCode: string,
): Promise<CallDto> {
  const call = await getCall(db, id);
  if (call.state === 'transferred' && call.transferredTo) return call;
  if (call.state !== 'answered')
    throw new AppError('invalid_transition', 'only a call in progress can be transferred');
  const [target] = await db
    .select({ name: stations.name, uri: stations.transferUri })
    .from(stations)
    .where(and(eq(stations.code, targetCode.toUpperCase()), isNotNull(stations.transferUri)));
  if (!target?.uri)
    throw new AppError('validation_failed', 'no such transfer target', [
      { field: 'body.target', message: 'the code of a service with a transfer number' },
    ]);
  const config = env();
  if (!config.TELEPHONY_CONTROL_URL || !config.TELEPHONY_TOKEN)
    throw new AppError('conflict', 'telephony is not configured here (TELEPHONY_CONTROL_URL)');
  // The dialog the edge knows the call by (not the whole row: it holds the INVITE).
  const [row] = await db
    .select({ sipCallId: calls.sipCallId, fromTag: calls.fromTag, toTag: calls.toTag })
    .from(calls)
    .where(eq(calls.id, id));
  let res: Response;
  try {
    res = await fetch(new URL('/cad/transfer', config.TELEPHONY_CONTROL_URL), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.TELEPHONY_TOKEN}` },
      body: JSON.stringify({
        callId: row?.sipCallId,
        fromTag: row?.fromTag ?? '',
        toTag: row?.toTag ?? '',
        target: target.uri,
      }),
      signal: AbortSignal.timeout(5000),
    });
  } catch {
    throw new AppError('upstream_failed', 'the SIP edge did not answer');
  }
  if (res.status === 404) throw new AppError('invalid_transition', 'the call is no longer in progress');
  if (!res.ok) throw new AppError('upstream_failed', `the SIP edge refused the transfer (${res.status})`);
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [current] = await w.tx.select().from(calls).where(eq(calls.id, id)).for('update');
    if (!current) throw notFound('call');
    if (current.state === 'answered')
      await w.tx
        .update(calls)
        .set({
          state: 'transferred',
          endedAt: sql`now()`,
          endReason: 'transferred',
          transferredTo: target.uri,
          updatedAt: sql`now()`,
        })
        .where(eq(calls.id, id));
    const dto = present(await callById(w.tx, id), 'call');
    if (dto.incidentId !== null)
      await writeNote(
        w,
        dto.incidentId,
        `${target.name} (${target.uri})`,
        authorOf(actor),
        'call_transferred',
      );
    w.emit(callTransferred(dto, target.uri ?? ''));
    return dto;
  });
  return result;
}

/** A call-taker called an abandoned call back: the outcome and a note, once (the first record stands). */
export async function recordCallback(
  db: Db,
  actor: Principal,
  id: number,
  input: { outcome: string; note: string },
): Promise<CallDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [call] = await w.tx.select().from(calls).where(eq(calls.id, id)).for('update');
    if (!call) throw notFound('call');
    if (call.state !== 'abandoned')
      throw new AppError('invalid_transition', 'only an abandoned call is called back');
    if (call.callbackAt) return present(await callById(w.tx, id), 'call');
    await w.tx
      .update(calls)
      .set({
        callbackAt: sql`now()`,
        callbackBy: actor.userId,
        callbackOutcome: input.outcome,
        callbackNote: input.note,
        updatedAt: sql`now()`,
      })
      .where(eq(calls.id, id));
    const dto = present(await callById(w.tx, id), 'call');
    w.emit(callEvent('call.callback', dto));
    return dto;
  });
  return result;
}

/** The positions; one whose holder has no live session (signed out, expired) reads as free. */
export const listPositions = (db: Db): Promise<CallPositionDto[]> => selectPositions(db);

/** The call-taker sits down at a position (leaving any other) or leaves it (null). */
export async function setMyPosition(db: Db, actor: Principal, position: string | null) {
  if (actor.userId === null) throw new AppError('forbidden', 'a position is taken by a person');
  const userId = actor.userId;
  const { result } = await inWriteTx(db, actor, async (w) => {
    const left = await w.tx
      .update(callPositions)
      .set({ userId: null, updatedAt: sql`now()` })
      .where(
        and(eq(callPositions.userId, userId), sql`${callPositions.position} is distinct from ${position}`),
      )
      .returning({ position: callPositions.position });
    for (const l of left) w.emit(callPositionChanged(await positionDto(w.tx, l.position)));
    if (position === null) return null;
    const [seat] = await w.tx
      .select()
      .from(callPositions)
      .where(eq(callPositions.position, position))
      .for('update');
    if (seat?.userId === userId) return positionDto(w.tx, position);
    // Taken by someone signed in elsewhere: a conflict. A holder with no live session (signed out, the
    // session expired) has left the position (selectPositions' rule).
    if (seat?.userId && (await positionDto(w.tx, position)).userId !== null)
      throw new AppError('conflict', 'someone else sits at this position', [
        { field: 'body.position', message: 'taken by another call-taker' },
      ]);
    await w.tx
      .insert(callPositions)
      .values({ position, userId })
      .onConflictDoUpdate({ target: callPositions.position, set: { userId, updatedAt: sql`now()` } });
    const dto = await positionDto(w.tx, position);
    w.emit(callPositionChanged(dto));
    return dto;
  });
  return result;
}

/** A call on an incident's timeline: the number and when it came. */
function callLine(c: CallDto): string {
  const when = new Date(c.offeredAt).toLocaleTimeString('sl-SI', {
    timeZone: 'Europe/Ljubljana',
    hour12: false,
  });
  return `${c.caller ?? c.callerUri ?? '—'} · ${when}`;
}
