'use client';

import { useEffect, useRef, useState } from 'react';
import type { EventFrame } from '@/lib/events/catalogue';
import { type ConnectionState, RealtimeClient } from '@/lib/realtime/client';
import { CENTRE_STATE_CHANGED, CENTRES_CHANGED, changesCentres } from './use-centres';

/** A window event the top bar listens to: an e-mail or SMS arrived or a conversation changed. */
export const MESSAGES_CHANGED = 'cad112:messages-changed';

// Subscribes for the life of the page. `onReady` runs after the first completed subscription: the
// page loads its initial data then, so nothing committed after the subscription point is missed;
// events that arrive meanwhile are applied afterwards as snapshots (version-checked by the page).
export function useRealtime(onEvent: (f: EventFrame) => void, onReady: () => Promise<void> | void) {
  const [state, setState] = useState<ConnectionState>('connecting');
  const eventRef = useRef(onEvent);
  const readyRef = useRef(onReady);
  eventRef.current = onEvent;
  readyRef.current = onReady;
  const clientRef = useRef<RealtimeClient | null>(null);

  useEffect(() => {
    let loaded = false;
    let queue: EventFrame[] = [];
    const load = async () => {
      await readyRef.current();
      loaded = true;
      const q = queue;
      queue = [];
      for (const f of q) eventRef.current(f);
    };
    const client = new RealtimeClient({
      onEvent: (f) => {
        // Written messages change the top bar's count, whatever the page does with them.
        if (f.type.startsWith('message.') || f.type === 'conversation.updated')
          window.dispatchEvent(new Event(MESSAGES_CHANGED));
        // The centres' state and load (the top bar's banner, the national picture).
        if (changesCentres(f.type)) window.dispatchEvent(new Event(CENTRES_CHANGED));
        if (f.type.startsWith('centre.')) window.dispatchEvent(new Event(CENTRE_STATE_CHANGED));
        return loaded ? eventRef.current(f) : queue.push(f);
      },
      onState: setState,
      onResynced: () => {
        if (!loaded) void load();
      },
      onSessionEnded: () => location.assign(`/login?next=${encodeURIComponent(location.pathname)}`),
    });
    clientRef.current = client;
    client.start(null);
    // If the socket cannot connect, show the data anyway (the indicator says it is not live).
    const fallback = setTimeout(() => {
      if (!loaded) void readyRef.current();
    }, 4000);
    return () => {
      clearTimeout(fallback);
      client.stop();
    };
  }, []);

  return { state, client: clientRef };
}
