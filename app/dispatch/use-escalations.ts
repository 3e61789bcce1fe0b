'use client';

import { useEffect, useMemo, useRef } from 'react';
import { AlarmSound } from '../_components/alarm-sound';
import { apiSend, newKey } from '../_components/api';
import { alertState, type IncidentRow } from '../_components/live-state';
import { useKey } from '../_components/use-key';

// Escalated alerts: not acknowledged within the agency's timeout. They sound and stay on top of the
// board until acknowledged or sent again (the A key, or the button).
export function useEscalations(board: IncidentRow[], onError: (err: unknown) => void) {
  const escalated = useMemo(
    () =>
      board.flatMap((i) =>
        i.assignments
          .filter((a) => alertState(a.alert) === 'escalated' && !a.releasedAt)
          .map((a) => ({ incident: i, assignment: a })),
      ),
    [board],
  );
  const sound = useRef<AlarmSound | null>(null);
  useEffect(() => {
    sound.current ??= new AlarmSound();
    if (escalated.length > 0) sound.current.start();
    else sound.current.stop();
  }, [escalated.length]);
  useEffect(() => () => sound.current?.stop(), []);

  const realertAll = async () => {
    try {
      for (const e of escalated)
        if (e.assignment.alert)
          await apiSend('POST', `/api/alerts/${e.assignment.alert.id}/realert`, undefined, {
            idempotencyKey: newKey(),
          });
    } catch (err) {
      onError(err);
    }
  };
  useKey('a', () => {
    if (escalated.length === 0) return false;
    void realertAll();
    return true;
  });
  return { escalated, realertAll };
}
