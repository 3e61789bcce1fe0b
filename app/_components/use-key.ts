'use client';

import { useEffect, useRef } from 'react';

/**
 * A single-key shortcut for the whole page (no Ctrl/Alt/Meta), ignored while typing in a field. The
 * handler returns whether it acted: only then is the key's default (scrolling, a map's panning)
 * prevented. The handler may change every render; the listener is added once.
 */
export function useKey(key: string, handler: (e: KeyboardEvent) => boolean): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== key || e.ctrlKey || e.altKey || e.metaKey) return;
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      if (ref.current(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key]);
}
