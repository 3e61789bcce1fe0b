'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventFrame } from '@/lib/events/catalogue';
import { parseAnyCoordinates } from '@/lib/geo/parse-coordinates';
import type { IncidentRow } from '@/lib/live/incidents';
import { type DeviceFix, newestFix, reduceDeviceFix } from '@/lib/live/location-fixes';
import type { LocationFixDto } from '@/lib/locations/location-fix-dto';
import { normalizePhone } from '@/lib/locations/phone';
import { apiGet } from '../_components/api';
import { useDebouncedGet } from '../_components/use-debounced-get';

// What the call-taker's form looks up as it is typed: the caller's device location for the number,
// the typed coordinates in both systems, and open incidents near them (possible duplicates).

export interface Position {
  lat: number;
  lon: number;
  d96: { e: number; n: number };
}

/** The newest device location (AML/eCall) for the number typed, loaded and then kept live. */
export function useDeviceFix(phone: string) {
  const normalized = normalizePhone(phone);
  const key = normalized && normalized.length >= 6 ? normalized : null;
  const loaded = useDebouncedGet<LocationFixDto[]>(
    key ? `/api/location-fixes?phone=${encodeURIComponent(key)}` : null,
    250,
  );
  const [live, setLive] = useState<DeviceFix>(undefined);
  const keyRef = useRef(key);
  keyRef.current = key;
  // A live fix belongs to the number it came for: another number starts with none.
  // biome-ignore lint/correctness/useExhaustiveDependencies: key is the reason to clear
  useEffect(() => setLive(undefined), [key]);
  const onEvent = useCallback(
    (f: EventFrame) => setLive((cur) => reduceDeviceFix(cur, f, keyRef.current)),
    [],
  );
  const fromLoad: DeviceFix =
    key !== null && loaded.url === `/api/location-fixes?phone=${encodeURIComponent(key)}`
      ? (loaded.data?.[0] ?? null)
      : undefined;
  const fix: DeviceFix = key === null ? undefined : newestFix(live, fromLoad);
  return { fix, onEvent };
}

/** Any typed form (decimal, DMS, D96/TM) resolved by the server (PostGIS) into both systems. */
export function useCoordinates(text: string) {
  const url = parseAnyCoordinates(text) ? `/api/geo/parse?text=${encodeURIComponent(text)}` : null;
  const got = useDebouncedGet<Position>(url, 200);
  const picked = url !== null && got.url === url ? (got.data ?? null) : null;
  /** On submit: the resolved position now, without waiting for the debounce. */
  const resolveNow = async (): Promise<Position | null> =>
    picked ?? (url ? apiGet<Position>(url).catch(() => null) : null);
  return { picked, resolveNow };
}

export type NearbyIncident = IncidentRow & { distanceM: number | null };

/** Open incidents near a position (within the duplicate radius and window), nearest first. */
export function useNearby(pos: Position | null): NearbyIncident[] {
  const url = pos ? `/api/incidents/nearby?lat=${pos.lat}&lon=${pos.lon}` : null;
  const got = useDebouncedGet<NearbyIncident[]>(url, 0);
  return url !== null && got.url === url ? (got.data ?? []) : [];
}
