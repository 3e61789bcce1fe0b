import type { EventFrame } from '../events/catalogue';
import type { CallDto } from '../telephony/call-dto';

// The call-takers' live view of calls: every call event carries the call as it now is; a device fix
// for a call's number is matched to it as it arrives.

export type CallMap = Map<number, CallDto>;

export function callMap(list: CallDto[]): CallMap {
  return new Map(list.map((c) => [c.id, c]));
}

export function reduceCalls(m: CallMap, f: EventFrame): CallMap {
  if (f.type === 'location.fix_received') {
    const fix = f.data.fix;
    let next: CallMap | null = null;
    for (const c of m.values())
      if (c.caller === fix.phone && (c.state === 'waiting' || c.state === 'answered')) {
        if (c.deviceFix && c.deviceFix.receivedAt > fix.receivedAt) continue;
        next ??= new Map(m);
        next.set(c.id, { ...c, deviceFix: fix });
      }
    return next ?? m;
  }
  if (!f.type.startsWith('call.') || f.type === 'call.position_changed') return m;
  const call = (f.data as { call: CallDto }).call;
  const before = m.get(call.id);
  const next = new Map(m);
  // A fix matched live is kept if the event's copy of the call predates it.
  next.set(call.id, call.deviceFix || !before?.deviceFix ? call : { ...call, deviceFix: before.deviceFix });
  return next;
}

/** Waiting calls, the longest waiting first. */
export function waitingCalls(m: CallMap): CallDto[] {
  return [...m.values()]
    .filter((c) => c.state === 'waiting')
    .sort((a, b) => a.offeredAt.localeCompare(b.offeredAt));
}

/** Abandoned calls of the last 24 hours, newest first; those not yet called back before the others. */
export function callbackCalls(m: CallMap, now: number): CallDto[] {
  return [...m.values()]
    .filter((c) => c.state === 'abandoned' && now - Date.parse(c.offeredAt) < 24 * 3600_000)
    .sort((a, b) => Number(!!a.callback) - Number(!!b.callback) || b.offeredAt.localeCompare(a.offeredAt));
}

/** The call this call-taker is on: answered at their position and not over. */
export function myActiveCall(m: CallMap, userId: number): CallDto | null {
  let best: CallDto | null = null;
  for (const c of m.values())
    if (
      c.state === 'answered' &&
      c.answeredByUserId === userId &&
      (!best || (c.answeredAt ?? '') > (best.answeredAt ?? ''))
    )
      best = c;
  return best;
}
