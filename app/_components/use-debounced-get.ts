'use client';

import { useEffect, useState } from 'react';
import { apiGet } from './api';

export interface DebouncedGet<T> {
  /** The last answer (kept while the next one loads, so a list does not flicker as one types). */
  data: T | undefined;
  /** The URL `data` answers; equal to the URL asked for once it has loaded. */
  url: string | null;
}

/**
 * GETs a URL once it has stopped changing for `delayMs` (typing, a moving selection); a newer URL
 * cancels the older request's answer. `url` null asks nothing and clears the answer. `refresh`
 * asks the same URL again when it changes (e.g. when the units it depends on changed).
 */
export function useDebouncedGet<T>(
  url: string | null,
  delayMs = 150,
  refresh: unknown = null,
): DebouncedGet<T> {
  const [state, setState] = useState<DebouncedGet<T>>({ data: undefined, url: null });
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh re-asks the same URL
  useEffect(() => {
    if (url === null) {
      setState({ data: undefined, url: null });
      return;
    }
    let cancelled = false;
    const id = setTimeout(() => {
      apiGet<T>(url)
        .then((data) => !cancelled && setState({ data, url }))
        .catch(() => {});
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(id);
    };
  }, [url, delayMs, refresh]);
  return state;
}
