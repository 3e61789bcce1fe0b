import type { EventFrame } from '../events/catalogue';
import type { LocationFixDto } from '../locations/location-fix-dto';

// The caller's device location (AML, eCall) for the number on the call-taker's form: the newest fix
// for that number, whether it was loaded or arrived live. undefined: no number to look for yet;
// null: looked, none has arrived.

export type DeviceFix = LocationFixDto | null | undefined;

export function reduceDeviceFix(current: DeviceFix, f: EventFrame, phone: string | null): DeviceFix {
  if (f.type !== 'location.fix_received' || phone === null || f.data.fix.phone !== phone) return current;
  if (current && current.receivedAt > f.data.fix.receivedAt) return current;
  return f.data.fix;
}

/** The newer of two answers for the same number: a fix over none, "none" (looked) over not yet looked. */
export function newestFix(a: DeviceFix, b: DeviceFix): DeviceFix {
  if (a && b) return a.receivedAt >= b.receivedAt ? a : b;
  if (a || b) return a || b;
  return a === null || b === null ? null : undefined;
}
