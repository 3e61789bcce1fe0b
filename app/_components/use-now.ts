'use client';

import { useEffect, useState } from 'react';

/** The current time, re-rendering every `ms`; 0 before hydration so server and client agree. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(0);
  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
