'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { AlarmSound } from '../_components/alarm-sound';

/** What the wall screen can do: play the alarm now, and keep the display awake. */
export interface WallScreen {
  /** The browser will not play sound until someone touches the screen ('unknown' until checked). */
  sound: 'ok' | 'blocked' | 'unknown';
  /** The display may go dark (no Screen Wake Lock, or it was refused). */
  wakeLock: 'held' | 'unavailable' | 'unknown';
  enableSound: () => Promise<void>;
}

// A station's screen hangs on a wall and must ring and stay lit. Browsers start with sound suspended
// until a user gesture, and the display sleeps unless the page holds a Screen Wake Lock: both are
// checked as the page opens (not when the first alarm comes), and re-checked on every touch and on
// returning to the page, so the screen can say at once that it cannot ring or stay awake.
export function useWallScreen(): WallScreen {
  const probe = useRef<AlarmSound | null>(null);
  const [sound, setSound] = useState<WallScreen['sound']>('unknown');
  const [wakeLock, setWakeLock] = useState<WallScreen['wakeLock']>('unknown');
  const lock = useRef<{ release: () => Promise<void> } | null>(null);

  const checkSound = useCallback(async () => {
    probe.current ??= new AlarmSound();
    // Without a gesture the browser may leave resume() pending: half a second is the answer.
    await Promise.race([probe.current.unlock(), new Promise((r) => setTimeout(r, 500))]);
    setSound(probe.current.blocked ? 'blocked' : 'ok');
  }, []);

  const holdWakeLock = useCallback(async () => {
    const wl = (
      navigator as Navigator & {
        wakeLock?: { request: (t: 'screen') => Promise<{ release: () => Promise<void> }> };
      }
    ).wakeLock;
    if (!wl) return setWakeLock('unavailable');
    try {
      lock.current = await wl.request('screen');
      setWakeLock('held');
    } catch {
      setWakeLock('unavailable');
    }
  }, []);

  useEffect(() => {
    void checkSound();
    void holdWakeLock();
    // A touch allows sound; the lock is dropped whenever the page is hidden and taken again after.
    const onGesture = () => void checkSound();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void holdWakeLock();
    };
    window.addEventListener('pointerdown', onGesture);
    window.addEventListener('keydown', onGesture);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('pointerdown', onGesture);
      window.removeEventListener('keydown', onGesture);
      document.removeEventListener('visibilitychange', onVisible);
      void lock.current?.release().catch(() => {});
    };
  }, [checkSound, holdWakeLock]);

  return { sound, wakeLock, enableSound: checkSound };
}
