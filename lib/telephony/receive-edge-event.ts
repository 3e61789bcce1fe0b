import { and, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../db/client';
import { callPositions, calls, telephonyEvents } from '../../db/schema';
import { centreAt } from '../centres/centre-at';
import { centreIdByCode, handlingCentre } from '../centres/centre-dto';
import { defaultCentreId, routeCall } from '../centres/takeover';
import { present } from '../errors';
import { callEvent, callPositionChanged, callRinging, callTransferred } from '../events/build';
import { inWriteTx, type WriteTx } from '../events/write-tx';
import { geocode } from '../geo/geocode';
import { pointSql } from '../geo/sql';
import { log } from '../log';
import { type CallDto, type CallHistory, callById, positionDto } from './call-dto';
import { type ParsedInvite, parseInvite } from './parse-invite';
import { civicText, type GeoShape, type PidfLocation } from './pidf-lo';
import type { EdgeEvent } from './schemas';

// The edge's account of a call, applied to the call's row: each event once (by its id), in a state
// machine that only moves forward (waiting → answered → ended/transferred; waiting → abandoned), so a
// repeated or late event changes nothing. A step of a call whose offer never arrived still makes a row.

export interface EdgeResult {
  applied: boolean;
  callId: number | null;
}

export async function receiveEdgeEvent(db: Db, e: EdgeEvent): Promise<EdgeResult> {
  const [result] = await receiveEdgeEvents(db, [e]);
  if (!result) throw new Error('no result for the event');
  return result;
}

/**
 * A delivery of several events (the edge sends what has queued up, in order): applied in one
 * transaction — one lock on the event log, one commit, one NOTIFY — so a backlog drains faster than it
 * grew. If the batch fails, each event is applied on its own, so one bad event cannot hold the others.
 */
export async function receiveEdgeEvents(db: Db, events: EdgeEvent[]): Promise<EdgeResult[]> {
  const prepared = await Promise.all(
    events.map(async (e) => ({
      e,
      at: new Date(Math.round(Number(e.at) * 1000)),
      invite: e.event === 'offered' && e.message ? await parseInvite(Buffer.from(e.message, 'base64')) : null,
    })),
  );
  const applyAll = (batch: typeof prepared) =>
    inWriteTx(db, null, async (w) => {
      const out: { applied: boolean; callId: number | null; dereference: string | null }[] = [];
      for (const { e, at, invite } of batch) {
        const fresh = await w.tx
          .insert(telephonyEvents)
          .values({ id: e.id })
          .onConflictDoNothing()
          .returning();
        if (fresh.length === 0) out.push({ applied: false, callId: null, dereference: null });
        else if (e.event === 'registered') {
          await registerPosition(w, e, at);
          out.push({ applied: true, callId: null, dereference: null });
        } else out.push(await applyCallEvent(w, e, at, invite));
      }
      return out;
    });
  let results: Awaited<ReturnType<typeof applyAll>>['result'];
  try {
    results = (await applyAll(prepared)).result;
  } catch (err) {
    if (prepared.length === 1) throw err;
    log().warn({ err, events: prepared.length }, 'edge batch failed; applying its events one by one');
    results = [];
    for (const one of prepared) results.push(...(await applyAll([one])).result);
  }
  for (const r of results) if (r.dereference) void dereferenceLater(db, r.callId, r.dereference);
  return results.map((r) => ({ applied: r.applied, callId: r.callId }));
}

async function applyCallEvent(w: WriteTx, e: EdgeEvent, at: Date, invite: ParsedInvite | null) {
  const tx = w.tx;
  let [row] = await tx.select().from(calls).where(eq(calls.sipCallId, e.callId)).for('update');
  let dereference: string | null = null;
  const done = (applied: boolean) => ({ applied, callId: row?.id ?? null, dereference });

  if (e.event === 'offered') {
    const values = await offeredValues(tx, e, at, invite);
    if (row) {
      // The offer came after a later step (a retried delivery): fill in what it says, keep the state.
      [row] = await tx
        .update(calls)
        .set({ ...values, state: row.state, doubts: values.doubts.filter((d) => d !== 'offer_missing') })
        .where(eq(calls.id, row.id))
        .returning();
      return done(false);
    }
    const routing = await routeCall(w, values.centreId);
    [row] = await tx
      .insert(calls)
      .values({ ...values, routedCentreId: routing.routedCentreId })
      .returning();
    const call = present(row, 'call');
    if (invite?.locationReference && !invite.location?.shape?.center) dereference = invite.locationReference;
    w.emit(callEvent('call.offered', await dto(tx, call.id)));
    return done(true);
  }

  if (!row) {
    // A step of a call whose offer never came: the centre it was for is not known; the first centre's
    // queue shows it (flagged) until the offer arrives and says.
    const centreId = await defaultCentreId(tx);
    [row] = await tx
      .insert(calls)
      .values({
        sipCallId: e.callId,
        state: 'waiting',
        offeredAt: at,
        doubts: ['offer_missing'],
        centreId,
        routedCentreId: await handlingCentre(tx, centreId),
      })
      .returning();
  }
  const call = present(row, 'call');
  switch (e.event) {
    case 'ringing': {
      const position = e.position ?? '';
      if (call.state !== 'waiting' || !position || call.ringingPositions.includes(position))
        return done(false);
      await tx
        .update(calls)
        .set({
          ringingPositions: sql`array_append(${calls.ringingPositions}, ${position})`,
          updatedAt: sql`now()`,
        })
        .where(eq(calls.id, call.id));
      w.emit(callRinging(await dto(tx, call.id), position));
      return done(true);
    }
    case 'answered': {
      if (call.state !== 'waiting') return done(false);
      const position = e.position || null;
      const [seat] = position
        ? await tx
            .select({ userId: callPositions.userId })
            .from(callPositions)
            .where(eq(callPositions.position, position))
        : [];
      await tx
        .update(calls)
        .set({
          state: 'answered',
          answeredAt: at,
          answeredByPosition: position,
          answeredByUser: seat?.userId ?? null,
          fromTag: e.fromTag ?? null,
          toTag: e.toTag ?? null,
          updatedAt: sql`now()`,
        })
        .where(eq(calls.id, call.id));
      w.emit(callEvent('call.answered', await dto(tx, call.id)));
      return done(true);
    }
    case 'abandoned': {
      if (call.state !== 'waiting') return done(false);
      await tx
        .update(calls)
        .set({ state: 'abandoned', endedAt: at, endReason: e.reason ?? 'cancelled', updatedAt: sql`now()` })
        .where(eq(calls.id, call.id));
      w.emit(callEvent('call.abandoned', await dto(tx, call.id)));
      return done(true);
    }
    case 'ended': {
      if (call.state === 'waiting') {
        // A BYE before any answer reached us: the caller is gone unanswered.
        await tx
          .update(calls)
          .set({ state: 'abandoned', endedAt: at, endReason: 'caller', updatedAt: sql`now()` })
          .where(eq(calls.id, call.id));
        w.emit(callEvent('call.abandoned', await dto(tx, call.id)));
        return done(true);
      }
      if (call.state !== 'answered') return done(false);
      const by = e.fromTag && call.fromTag && e.fromTag !== call.fromTag ? 'position' : 'caller';
      await tx
        .update(calls)
        .set({ state: 'ended', endedAt: at, endReason: by, updatedAt: sql`now()` })
        .where(eq(calls.id, call.id));
      w.emit(callEvent('call.ended', await dto(tx, call.id)));
      return done(true);
    }
    case 'transferred': {
      if (call.state !== 'waiting' && call.state !== 'answered') return done(false);
      const target = (e.target ?? '').slice(0, 300);
      await tx
        .update(calls)
        .set({
          state: 'transferred',
          endedAt: at,
          endReason: e.reason === 'overflow' ? 'overflow' : 'transferred',
          transferredTo: target,
          updatedAt: sql`now()`,
        })
        .where(eq(calls.id, call.id));
      w.emit(callTransferred(await dto(tx, call.id), target));
      return done(true);
    }
  }
  return done(false);
}

async function offeredValues(tx: Db, e: EdgeEvent, at: Date, invite: ParsedInvite | null) {
  const doubts = new Set<string>(invite?.doubts ?? ['message_unreadable']);
  const place = invite?.location ? await placeOf(tx, invite.location, doubts) : null;
  const history = invite?.caller
    ? await historyOf(tx, invite.caller, e.callId, at)
    : { calls: 0, incidents: [] };
  const centreId = await callCentre(tx, e.centre, place, doubts);
  return {
    centreId,
    sipCallId: e.callId,
    state: 'waiting' as const,
    caller: invite?.caller ?? null,
    callerUri: invite?.callerUri ?? null,
    callerName: invite?.callerName ?? null,
    offeredAt: at,
    position: place ? pointSql(place.lat, place.lon) : null,
    accuracyM: place?.accuracyM ?? null,
    location: locationJson(invite?.location ?? null, invite?.locationReference ?? null),
    doubts: [...doubts],
    additionalData: invite?.additional ?? {},
    language: invite?.language ?? null,
    history,
    // Kept as the edge received it; a NUL (which a text column cannot hold) is shown as \0.
    raw: e.message
      ? Buffer.from(e.message, 'base64').toString('utf8').slice(0, 200_000).replace(/\0/g, '\\0')
      : '',
    source: e.source ?? null,
  };
}

/**
 * The centre a call came in for: the one the edge names (its route knows which centre's number or
 * trunk was called); else the region the caller's location lies in; else the first centre. A code the
 * CAD does not know is a doubt, never a refusal: the call is kept and shown.
 */
async function callCentre(
  tx: Db,
  code: string | undefined,
  place: { lat: number; lon: number } | null,
  doubts: Set<string>,
): Promise<number> {
  if (code) {
    const id = await centreIdByCode(tx, code.trim());
    if (id !== null) return id;
    doubts.add('centre_unknown');
  }
  if (place) return centreAt(tx, place.lat, place.lon);
  return defaultCentreId(tx);
}

function locationJson(loc: PidfLocation | null, reference: string | null) {
  return {
    shape: loc?.shape ? { ...loc.shape, vertices: loc.shape.vertices?.slice(0, 200) } : null,
    civic: loc?.civic ? civicText(loc.civic) : null,
    civicElements: loc?.civic ?? null,
    method: loc?.method ?? null,
    confidencePct: loc?.confidencePct ?? null,
    reference,
  };
}

/**
 * The position and its uncertainty (metres) for a shape: the centre and radius or semi-major axis; a
 * polygon's centroid and farthest vertex and an arc band's middle and farthest corner by PostGIS; for a
 * civic address alone, the gazetteer's best match (approximate, and said so).
 */
async function placeOf(
  tx: Db,
  loc: PidfLocation,
  doubts: Set<string>,
): Promise<{ lat: number; lon: number; accuracyM: number | null } | null> {
  const s = loc.shape;
  if (s?.center) {
    if ((s.kind === 'polygon' || s.kind === 'prism') && s.vertices) return polygonPlace(tx, s.vertices);
    if (s.kind === 'arcband') return arcBandPlace(tx, s);
    const r = s.radiusM ?? s.semiMajorM ?? null;
    return { lat: s.center.lat, lon: s.center.lon, accuracyM: r };
  }
  if (loc.civic) {
    const [hit] = await geocode(tx, civicText(loc.civic), 1);
    if (!hit) {
      doubts.add('civic_not_found');
      return null;
    }
    doubts.add('civic_approximate');
    return {
      lat: hit.position.lat,
      lon: hit.position.lon,
      accuracyM: hit.kind === 'address' ? 50 : 2000,
    };
  }
  return null;
}

async function polygonPlace(tx: Db, vertices: [number, number][]) {
  const ring = vertices.map(([lat, lon]) => [lon, lat]);
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push(first);
  const geojson = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
  const r = await tx.execute(sql`
    with p as (select ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326) as g),
         c as (select ST_Centroid(g::geography)::geometry as c, g from p)
    select ST_Y(c) as lat, ST_X(c) as lon,
           (select max(ST_Distance(c::geography, d.geom::geography)) from ST_DumpPoints(g) d) as r
      from c`);
  const row = rowsOf<{ lat: number; lon: number; r: number }>(r)[0];
  return row ? { lat: Number(row.lat), lon: Number(row.lon), accuracyM: Math.round(Number(row.r)) } : null;
}

async function arcBandPlace(tx: Db, s: GeoShape) {
  const c = s.center;
  if (!c) return null;
  const inner = s.innerRadiusM ?? 0;
  const outer = s.outerRadiusM ?? inner;
  const start = s.startAngleDeg ?? 0;
  const open = s.openingAngleDeg ?? 360;
  const r = await tx.execute(sql`
    with o as (select ${pointSql(c.lat, c.lon)} as o),
         m as (select ST_Project(o, ${(inner + outer) / 2}, radians(${start + open / 2})) as m, o from o)
    select ST_Y(m::geometry) as lat, ST_X(m::geometry) as lon,
           greatest(
             ST_Distance(m, ST_Project(o, ${inner}, radians(${start}))),
             ST_Distance(m, ST_Project(o, ${inner}, radians(${start + open}))),
             ST_Distance(m, ST_Project(o, ${outer}, radians(${start}))),
             ST_Distance(m, ST_Project(o, ${outer}, radians(${start + open}))),
             ST_Distance(m, ST_Project(o, ${outer}, radians(${start + open / 2})))
           ) as r
      from m`);
  const row = rowsOf<{ lat: number; lon: number; r: number }>(r)[0];
  return row ? { lat: Number(row.lat), lon: Number(row.lon), accuracyM: Math.round(Number(row.r)) } : null;
}

/** Earlier calls of the number and incidents it called about, in the 24 hours before this call. */
async function historyOf(tx: Db, caller: string, sipCallId: string, at: Date): Promise<CallHistory> {
  const since = new Date(at.getTime() - 24 * 3600_000);
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(calls)
    .where(
      and(
        eq(calls.caller, caller),
        gte(calls.offeredAt, since),
        lt(calls.offeredAt, at),
        ne(calls.sipCallId, sipCallId),
      ),
    );
  // Incidents keep the number as typed: compared on its last eight digits (an index on that expression).
  const digits = caller.replace(/\D/g, '');
  const incidents =
    digits.length >= 8
      ? rowsOf<{ id: number; number: string }>(
          await tx.execute(sql`
            select id, number from (
              select i.id, i.number, i.created_at from incidents i
               where right(regexp_replace(i.caller_phone, '[^0-9]', '', 'g'), 8) = ${digits.slice(-8)}
                 and i.created_at >= ${since.toISOString()}::timestamptz
              union
              select i.id, i.number, i.created_at
                from incident_callers ic join incidents i on i.id = ic.incident_id
               where right(regexp_replace(ic.phone, '[^0-9]', '', 'g'), 8) = ${digits.slice(-8)}
                 and i.created_at >= ${since.toISOString()}::timestamptz) x
             order by created_at desc limit 5`),
        ).map((r) => ({ id: Number(r.id), number: String(r.number) }))
      : [];
  return { calls: count?.n ?? 0, incidents };
}

async function registerPosition(w: WriteTx, e: EdgeEvent, at: Date) {
  const position = (e.position ?? '').trim();
  if (!/^[A-Za-z0-9._+-]{1,100}$/.test(position)) return;
  const expires = Number(e.expires || '0');
  const until = expires > 0 ? new Date(at.getTime() + expires * 1000) : null;
  const [before] = await w.tx.select().from(callPositions).where(eq(callPositions.position, position));
  const wasRegistered = !!before?.registeredUntil && before.registeredUntil > new Date();
  await w.tx
    .insert(callPositions)
    .values({ position, contact: e.contact ?? null, registeredUntil: until })
    .onConflictDoUpdate({
      target: callPositions.position,
      set: { contact: e.contact ?? null, registeredUntil: until, updatedAt: sql`now()` },
    });
  // A re-registration (every few minutes per phone) is not news; coming and going is.
  if (wasRegistered !== (until !== null)) w.emit(callPositionChanged(await positionDto(w.tx, position)));
}

async function dto(tx: Db, id: number): Promise<CallDto> {
  return present(await callById(tx, id), 'call');
}

/**
 * A location by reference (RFC 6753): asked of the LIS with HELD (RFC 5985) after the offer is stored,
 * so the queue never waits for it; the answer (or the failure) is applied as call.located.
 */
async function dereferenceLater(db: Db, callId: number | null, uri: string): Promise<void> {
  if (callId === null) return;
  const { dereferenceLocation } = await import('./dereference');
  try {
    const loc = await dereferenceLocation(uri);
    await inWriteTx(db, null, async (w) => {
      const doubts = new Set<string>(loc ? loc.doubts : ['dereference_failed']);
      const place = loc ? await placeOf(w.tx, loc, doubts) : null;
      const [row] = await w.tx.select().from(calls).where(eq(calls.id, callId)).for('update');
      if (!row) return;
      await w.tx
        .update(calls)
        .set({
          ...(place ? { position: pointSql(place.lat, place.lon), accuracyM: place.accuracyM } : {}),
          ...(loc ? { location: locationJson(loc, uri) } : {}),
          doubts: [...new Set([...row.doubts, ...doubts])],
          updatedAt: sql`now()`,
        })
        .where(eq(calls.id, callId));
      w.emit(callEvent('call.located', await dto(w.tx, callId)));
    });
  } catch (err) {
    log().warn({ err, callId }, 'location dereference not applied');
  }
}
