'use client';

import { useEffect, useRef } from 'react';
import { formatElapsed } from '@/lib/i18n/format';

// Running timers ("4:12 since the alert") without re-rendering the screen every second: one shared
// ticker writes the text of each mounted timer. A board of thousands of incidents stays cheap.
const timers = new Set<() => void>();
let ticker: ReturnType<typeof setInterval> | undefined;

function subscribe(update: () => void): () => void {
  timers.add(update);
  ticker ??= setInterval(() => {
    for (const t of timers) t();
  }, 1000);
  return () => {
    timers.delete(update);
    if (timers.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
}

export function Elapsed({ since, prefix = '' }: { since: string | null | undefined; prefix?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !since) return;
    const update = () => {
      el.textContent = `${prefix}${formatElapsed(since, Date.now())}`;
    };
    update();
    return subscribe(update);
  }, [since, prefix]);
  // Empty until mounted, so server and client render the same.
  return <span ref={ref} suppressHydrationWarning />;
}
