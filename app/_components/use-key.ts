'use client';

import { useEffect, useRef } from 'react';

/**
 * A single-key shortcut for the whole page (no Ctrl/Alt/Meta), ignored while typing in a field. The
 * handler may change every render; the listener is added once.
 */
export function useKey(key: string, handler: (e: KeyboardEvent) => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== key || e.ctrlKey || e.altKey || e.metaKey) return;
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      e.preventDefault();
      ref.current(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key]);
}
