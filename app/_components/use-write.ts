'use client';

import { useCallback, useState } from 'react';
import { ApiError } from './api';
import { errorText } from './error-text';
import { useUi } from './i18n';

/**
 * A screen's writes: `run` performs one, keeps its error in the screen's language, and hands a
 * server answer to `onError` first (e.g. a 409 whose body the form shows). Returns the result, or
 * undefined when the write failed.
 */
export function useWrite() {
  const { t } = useUi();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T>(write: () => Promise<T>, onError?: (err: ApiError) => boolean): Promise<T | undefined> => {
      setError(null);
      setBusy(true);
      try {
        return await write();
      } catch (err) {
        if (!(err instanceof ApiError && onError?.(err))) setError(errorText(err, t));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { run, error, setError, busy };
}
