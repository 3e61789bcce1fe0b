'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CentreLoadDto } from '@/lib/centres/centre-dto';
import type { Lang } from '@/lib/i18n/messages';
import { apiGet } from './api';

/** Window events (use-realtime dispatches them): a take-over started or ended; a centre's load changed. */
export const CENTRE_STATE_CHANGED = 'cad112:centre-state-changed';
export const CENTRES_CHANGED = 'cad112:centres-changed';

/** Event types after which the national picture's figures are read again. */
export function changesCentres(type: string): boolean {
  return (
    type.startsWith('centre.') ||
    type.startsWith('call.') ||
    type.startsWith('incident.') ||
    type === 'unit.status_changed'
  );
}

export interface Centres {
  list: CentreLoadDto[];
  byId: Map<number, CentreLoadDto>;
  /** The centre's name in the screen's language (its code when unknown). */
  name: (id: number | null | undefined, lang: Lang) => string;
  /** The centres whose regions `centreId` works on now: itself (taken over or not) and those it has taken over. */
  handledBy: (centreId: number | null) => Set<number>;
  reload: () => void;
}

// The 13 centres with their state and load, read once and again after the events that change them:
// `load` follows every change of the figures (at most every `throttleMs`, and every 15 s for the
// clocks: waiting times, the last hour); `state` only take-overs (the top bar on every screen).
export function useCentres(enabled = true, follow: 'state' | 'load' = 'state', throttleMs = 1000): Centres {
  const [list, setList] = useState<CentreLoadDto[]>([]);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the trigger
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    apiGet<CentreLoadDto[]>('/api/centres')
      .then((l) => alive && setList(l))
      .catch(() => {});
    return () => {
      alive = false;
    };
  }, [enabled, tick]);
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        reload();
      }, throttleMs);
    };
    const name = follow === 'load' ? CENTRES_CHANGED : CENTRE_STATE_CHANGED;
    window.addEventListener(name, later);
    const every = follow === 'load' ? setInterval(reload, 15_000) : undefined;
    return () => {
      clearTimeout(timer);
      clearInterval(every);
      window.removeEventListener(name, later);
    };
  }, [enabled, follow, throttleMs, reload]);
  return useMemo(() => {
    const byId = new Map(list.map((c) => [c.id, c]));
    return {
      list,
      byId,
      name: (id, lang) => (id == null ? '' : (byId.get(id)?.name[lang] ?? String(id))),
      handledBy: (centreId) =>
        new Set(
          centreId === null
            ? []
            : [centreId, ...list.filter((c) => c.handledById === centreId).map((c) => c.id)],
        ),
      reload,
    };
  }, [list, reload]);
}
