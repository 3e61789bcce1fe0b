'use client';

import { useEffect, useRef } from 'react';
import { formatElapsed } from '@/lib/i18n/format';

// Running timers ("4:12 since the alert") without re-rendering the screen every second: one shared
// ticker writes the text of each timer that is on screen (an IntersectionObserver tracks which are),
// and only when it changed. A board of 5,000 incidents keeps a few dozen timers running, not 10,000;
// a timer scrolled into view is brought up to date at once.
const visible = new Map<Element, () => void>();
const all = new Map<Element, () => void>();
let ticker: ReturnType<typeof setInterval> | undefined;
let observer: IntersectionObserver | null | undefined;

function watch(): IntersectionObserver | null {
  if (observer !== undefined) return observer;
  observer =
    typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver((entries) => {
          for (const e of entries) {
            const update = all.get(e.target);
            if (!update) continue;
            if (e.isIntersecting) {
              visible.set(e.target, update);
              update();
            } else visible.delete(e.target);
          }
        });
  return observer;
}

function subscribe(el: Element, update: () => void): () => void {
  all.set(el, update);
  const io = watch();
  // Without an observer every timer counts as visible.
  if (io) io.observe(el);
  else visible.set(el, update);
  ticker ??= setInterval(() => {
    for (const t of visible.values()) t();
  }, 1000);
  return () => {
    all.delete(el);
    visible.delete(el);
    io?.unobserve(el);
    if (all.size === 0 && ticker) {
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
      const text = `${prefix}${formatElapsed(since, Date.now())}`;
      if (el.textContent !== text) el.textContent = text;
    };
    update();
    return subscribe(el, update);
  }, [since, prefix]);
  // Empty until mounted, so server and client render the same.
  return <span ref={ref} suppressHydrationWarning />;
}
