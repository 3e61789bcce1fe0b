'use client';

import distance from '@turf/distance';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiSend } from '../_components/api';

// AVL from the station screen: a tablet in a vehicle sends its own position for the unit it is bound
// to (browser geolocation). The binding survives a reload (localStorage); the server checks that the
// unit belongs to the signed-in station.
const STORAGE_KEY = 'cad112.avl.unit';
/** No more often than this while moving… */
const MIN_INTERVAL_MS = 10_000;
/** …and only when moved this far, or when the last report is this old (so it never turns stale). */
const MIN_MOVE_M = 50;
const HEARTBEAT_MS = 60_000;
/** A fix less precise than this (Wi-Fi or cell location of an indoor tablet) is not sent. */
export const MAX_ACCURACY_M = 250;

export type AvlState =
  | { kind: 'off' }
  | { kind: 'waiting' }
  | { kind: 'sending'; lastSentAt: number | null; accuracyM: number }
  | { kind: 'poor'; accuracyM: number; lastSentAt: number | null }
  | { kind: 'denied' }
  | { kind: 'unavailable' }
  | { kind: 'failed'; lastSentAt: number | null };

interface Sent {
  at: number;
  lat: number;
  lon: number;
}

export function useDeviceAvl() {
  const [unitId, setUnitId] = useState<number | null>(null);
  const [state, setState] = useState<AvlState>({ kind: 'off' });
  const last = useRef<Sent | null>(null);

  useEffect(() => {
    const stored = Number(localStorage.getItem(STORAGE_KEY));
    if (Number.isInteger(stored) && stored > 0) setUnitId(stored);
  }, []);

  const start = useCallback((id: number) => {
    localStorage.setItem(STORAGE_KEY, String(id));
    last.current = null;
    setUnitId(id);
  }, []);
  const stop = useCallback(() => {
    localStorage.removeItem(STORAGE_KEY);
    setUnitId(null);
  }, []);

  useEffect(() => {
    if (unitId === null) {
      setState({ kind: 'off' });
      return;
    }
    if (!('geolocation' in navigator)) {
      setState({ kind: 'unavailable' });
      return;
    }
    let cancelled = false;
    setState({ kind: 'waiting' });

    // The newest fix not yet sent: a fix that comes too soon after the last report is kept and sent
    // when the interval has passed (a watch fires only on change, so it would otherwise be lost).
    let pending: GeolocationPosition | null = null;
    let inFlight = false;

    const trySend = async (force = false) => {
      const pos = pending;
      if (cancelled || inFlight || !pos) return;
      const { latitude: lat, longitude: lon, accuracy } = pos.coords;
      const prev = last.current;
      if (accuracy > MAX_ACCURACY_M) {
        pending = null;
        setState({ kind: 'poor', accuracyM: Math.round(accuracy), lastSentAt: prev?.at ?? null });
        return;
      }
      const now = Date.now();
      const moved = prev ? distance([prev.lon, prev.lat], [lon, lat], { units: 'meters' }) : Infinity;
      const due =
        !prev ||
        force ||
        now - prev.at >= HEARTBEAT_MS ||
        (now - prev.at >= MIN_INTERVAL_MS && moved >= MIN_MOVE_M);
      if (!due) {
        if (moved < MIN_MOVE_M) pending = null;
        return;
      }
      inFlight = true;
      try {
        await apiSend(
          'POST',
          `/api/units/${unitId}/position`,
          { lat, lon, at: new Date(Math.min(pos.timestamp, now)).toISOString() },
          { idempotencyKey: `avl-${unitId}-${pos.timestamp}`, retries: 2 },
        );
        if (pending === pos) pending = null;
        last.current = { at: Date.now(), lat, lon };
        if (!cancelled)
          setState({ kind: 'sending', lastSentAt: last.current.at, accuracyM: Math.round(accuracy) });
      } catch {
        if (!cancelled) setState({ kind: 'failed', lastSentAt: prev?.at ?? null });
      } finally {
        inFlight = false;
      }
    };
    const onFix = (pos: GeolocationPosition, force = false) => {
      pending = pos;
      void trySend(force);
    };
    const onError = (err: GeolocationPositionError) => {
      if (cancelled) return;
      setState({ kind: err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable' });
    };
    const opts: PositionOptions = { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 };
    const watch = navigator.geolocation.watchPosition((p) => onFix(p), onError, opts);
    const tick = setInterval(() => {
      if (pending) void trySend();
      // Standing still fires no watch callback: ask again so the unit's position stays fresh.
      else if (last.current && Date.now() - last.current.at >= HEARTBEAT_MS)
        navigator.geolocation.getCurrentPosition((p) => onFix(p, true), onError, opts);
    }, 2_000);
    return () => {
      cancelled = true;
      navigator.geolocation.clearWatch(watch);
      clearInterval(tick);
    };
  }, [unitId]);

  return { unitId, state, start, stop };
}
