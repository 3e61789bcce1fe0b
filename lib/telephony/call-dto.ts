import { and, asc, desc, eq, getTableColumns, gte, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { type CallState, callPositions, calls, locationFixes, users } from '../../db/schema';
import { d96EastSql, d96NorthSql, latSql, lonSql } from '../geo/sql';
import { type LocationFixDto, selectLocationFixes } from '../locations/location-fix-dto';
import type { AdditionalData } from './additional-data';
import type { GeoShape } from './pidf-lo';

// A call as the screens and the event log carry it. The caller's location is the call's own (from the
// network), never the incident's: the call-taker takes it into the form when they judge it right.

export interface CallLocationDto {
  position: { lat: number; lon: number; d96: { e: number; n: number } } | null;
  accuracyM: number | null;
  shape: GeoShape | null;
  /** The civic address as one line, if one came. */
  civic: string | null;
  method: string | null;
  confidencePct: number | null;
  /** An http(s) reference the centre dereferenced (or tried to). */
  reference: string | null;
}

export interface CallHistory {
  /** Earlier calls from this number in the 24 hours before this one. */
  calls: number;
  /** Incidents in those 24 hours with this number as a caller. */
  incidents: { id: number; number: string }[];
}

export interface CallDto {
  id: number;
  state: CallState;
  caller: string | null;
  callerUri: string | null;
  callerName: string | null;
  offeredAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  answeredByPosition: string | null;
  answeredByUserId: number | null;
  answeredByName: string | null;
  ringingPositions: string[];
  /** cancelled, no_position, caller, position, transferred, overflow */
  endReason: string | null;
  location: CallLocationDto;
  doubts: string[];
  language: string | null;
  additional: AdditionalData;
  history: CallHistory;
  incidentId: number | null;
  transferredTo: string | null;
  callback: {
    at: string;
    byUserId: number | null;
    byName: string | null;
    outcome: string | null;
    note: string;
  } | null;
  /** The newest AML/eCall fix for the number since shortly before the call, matched automatically. */
  deviceFix: LocationFixDto | null;
  /** The centre the call came in for, and the centre whose positions it was offered to. */
  centreId: number;
  routedCentreId: number;
}

/** The call's columns but the INVITE as received (up to 200 kB), which only the call's detail carries. */
const { raw: _raw, ...callColumns } = getTableColumns(calls);
const answerer = alias(users, 'answerer');
const caller = alias(users, 'callback_user');

export async function selectCalls(db: Db, where: SQL | undefined, limit = 200): Promise<CallDto[]> {
  const rows = await db
    .select({
      c: callColumns,
      lat: latSql(calls.position),
      lon: lonSql(calls.position),
      e: d96EastSql(calls.position),
      n: d96NorthSql(calls.position),
      answeredByName: answerer.displayName,
      callbackByName: caller.displayName,
    })
    .from(calls)
    .leftJoin(answerer, eq(answerer.id, calls.answeredByUser))
    .leftJoin(caller, eq(caller.id, calls.callbackBy))
    .where(where)
    .orderBy(desc(calls.offeredAt), desc(calls.id))
    .limit(limit);
  const fixes = await fixesFor(
    db,
    rows.map((r) => r.c.caller).filter((p): p is string => !!p),
  );
  return rows.map((r) => {
    const c = r.c;
    const since = c.offeredAt.getTime() - FIX_BEFORE_CALL_MS;
    const deviceFix =
      (c.caller ? fixes.get(c.caller) : undefined)?.find((f) => Date.parse(f.receivedAt) >= since) ?? null;
    const loc = (c.location ?? {}) as {
      shape?: GeoShape | null;
      civic?: string | null;
      method?: string | null;
      confidencePct?: number | null;
      reference?: string | null;
    };
    return {
      id: c.id,
      state: c.state,
      caller: c.caller,
      callerUri: c.callerUri,
      callerName: c.callerName,
      offeredAt: c.offeredAt.toISOString(),
      answeredAt: c.answeredAt?.toISOString() ?? null,
      endedAt: c.endedAt?.toISOString() ?? null,
      answeredByPosition: c.answeredByPosition,
      answeredByUserId: c.answeredByUser,
      answeredByName: r.answeredByName ?? null,
      ringingPositions: c.ringingPositions,
      endReason: c.endReason,
      location: {
        position:
          r.lat !== null && r.lon !== null
            ? { lat: r.lat, lon: r.lon, d96: { e: r.e ?? 0, n: r.n ?? 0 } }
            : null,
        accuracyM: c.accuracyM,
        shape: loc.shape ?? null,
        civic: loc.civic ?? null,
        method: loc.method ?? null,
        confidencePct: loc.confidencePct ?? null,
        reference: loc.reference ?? null,
      },
      doubts: c.doubts,
      language: c.language,
      additional: (c.additionalData ?? {}) as AdditionalData,
      history: { calls: 0, incidents: [], ...((c.history ?? {}) as Partial<CallHistory>) },
      incidentId: c.incidentId,
      transferredTo: c.transferredTo,
      callback: c.callbackAt
        ? {
            at: c.callbackAt.toISOString(),
            byUserId: c.callbackBy,
            byName: r.callbackByName ?? null,
            outcome: c.callbackOutcome,
            note: c.callbackNote ?? '',
          }
        : null,
      deviceFix,
      centreId: c.centreId,
      routedCentreId: c.routedCentreId,
    };
  });
}

/** A device fix counts for a call from this long before the call reached the edge. */
const FIX_BEFORE_CALL_MS = 10 * 60_000;

async function fixesFor(db: Db, phones: string[]): Promise<Map<string, LocationFixDto[]>> {
  const out = new Map<string, LocationFixDto[]>();
  const unique = [...new Set(phones)];
  if (unique.length === 0) return out;
  const fixes = await selectLocationFixes(
    db,
    and(
      inArray(locationFixes.phone, unique),
      gte(locationFixes.receivedAt, sql`now() - interval '25 hours'`),
    ) as SQL,
    unique.length * 3,
  );
  for (const f of fixes) out.set(f.phone, [...(out.get(f.phone) ?? []), f]);
  return out;
}

export async function callById(db: Db, id: number): Promise<CallDto | null> {
  return (await selectCalls(db, eq(calls.id, id), 1))[0] ?? null;
}

export const CALL_LISTS = ['waiting', 'callback', 'active', 'recent'] as const;

/**
 * The call-takers' lists: waiting (offered, not yet answered), callback (abandoned in the last 24 hours,
 * called back or not), active (answered, still talking), recent (the last 24 hours, any state).
 */
export async function listCalls(db: Db, list: (typeof CALL_LISTS)[number]): Promise<CallDto[]> {
  const day = sql`now() - interval '24 hours'`;
  switch (list) {
    case 'waiting':
      return selectCalls(db, eq(calls.state, 'waiting'), 500);
    case 'callback':
      return selectCalls(db, and(eq(calls.state, 'abandoned'), gte(calls.offeredAt, day)), 200);
    case 'active':
      return selectCalls(db, and(eq(calls.state, 'answered'), isNull(calls.endedAt)), 200);
    case 'recent':
      return selectCalls(db, gte(calls.offeredAt, day), 300);
  }
}

/** A call-taker position: its phone's registration and who sits at it. */
export interface CallPositionDto {
  position: string;
  registered: boolean;
  contact: string | null;
  userId: number | null;
  userName: string | null;
}

/**
 * Positions (all, or one): a holder with no live session (signed out, expired) has left, and the
 * position reads as free. One rule for the list, the events and sitting down.
 */
export async function selectPositions(db: Db, position?: string): Promise<CallPositionDto[]> {
  const rows = await db
    .select({
      p: callPositions,
      userName: users.displayName,
      present: sql<boolean>`exists (select 1 from sessions s where s.user_id = ${callPositions.userId}
                                    and s.expires_at > now())`,
    })
    .from(callPositions)
    .leftJoin(users, eq(users.id, callPositions.userId))
    .where(position === undefined ? undefined : eq(callPositions.position, position))
    .orderBy(asc(callPositions.position));
  const now = new Date();
  return rows.map((r) => ({
    position: r.p.position,
    registered: !!r.p.registeredUntil && r.p.registeredUntil > now,
    contact: r.p.contact,
    userId: r.present ? r.p.userId : null,
    userName: r.present ? (r.userName ?? null) : null,
  }));
}

export async function positionDto(db: Db, position: string): Promise<CallPositionDto> {
  const [p] = await selectPositions(db, position);
  return p ?? { position, registered: false, contact: null, userId: null, userName: null };
}
