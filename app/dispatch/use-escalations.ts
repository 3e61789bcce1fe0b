'use client';

import { useEffect, useMemo, useRef } from 'react';
import { AlarmSound } from '../_components/alarm-sound';
import { apiSend, newKey } from '../_components/api';
import { alertState, type IncidentRow } from '../_components/live-state';
import { useKey } from '../_components/use-key';

// Escalated alerts: not acknowledged within the agency's timeout. They sound and stay pinned above the
// board until acknowledged or sent again: A re-alerts the selected incident's (or, with nothing
// selected that has one, the oldest), Shift+A every one of them.
export function useEscalations(
  board: IncidentRow[],
  selected: number | null,
  onError: (err: unknown) => void,
) {
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

  const realert = async (list: typeof escalated) => {
    try {
      for (const e of list)
        if (e.assignment.alert)
          await apiSend('POST', `/api/alerts/${e.assignment.alert.id}/realert`, undefined, {
            idempotencyKey: newKey(),
          });
    } catch (err) {
      onError(err);
    }
  };
  const realertAll = () => realert(escalated);
  const realertSelected = () => {
    const mine = escalated.filter((e) => e.incident.id === selected);
    return realert(mine.length > 0 ? mine : escalated.slice(0, 1));
  };
  const realertOne = (assignmentId: number) =>
    realert(escalated.filter((e) => e.assignment.id === assignmentId));
  useKey('a', () => {
    if (escalated.length === 0) return false;
    void realertSelected();
    return true;
  });
  useKey('A', () => {
    if (escalated.length === 0) return false;
    void realertAll();
    return true;
  });
  return { escalated, realertAll, realertSelected, realertOne };
}
