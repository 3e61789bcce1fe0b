'use client';

import { useRef, useState } from 'react';
import type { Priority } from '@/lib/incidents/incident-status';
import { evaluateTriage } from '@/lib/triage/evaluate-triage';
import { newKey } from '../_components/api';
import type { IncidentType } from '../_components/live-state';

export const EMPTY_FORM = {
  phone: '',
  name: '',
  coords: '',
  accuracy: '',
  address: '',
  type: '',
  priority: 'yellow' as Priority,
  description: '',
};
export type CallFormValues = typeof EMPTY_FORM;

// The call form's state: its fields, the call timer (from the first thing typed into an empty form),
// the protocol answers and the priority they suggest (never over one the call-taker chose by hand),
// and the idempotency key of this call's write (a new one for each call).
export function useCallForm(types: IncidentType[]) {
  const [form, setForm] = useState(EMPTY_FORM);
  const [callStartedAt, setCallStartedAt] = useState<string | null>(null);
  const [priorityTouched, setPriorityTouched] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const key = useRef(newKey());

  const set = (k: keyof CallFormValues, v: string) => {
    setCallStartedAt((c) => c ?? new Date().toISOString());
    setForm((f) => ({ ...f, [k]: v }));
  };
  const currentType = types.find((x) => x.code === form.type);
  const chooseType = (code: string) => {
    const ty = types.find((x) => x.code === code);
    setAnswers({});
    setForm((f) => ({
      ...f,
      type: code,
      priority: !priorityTouched && ty ? ty.defaultPriority : f.priority,
    }));
  };
  const answer = (id: string, code: string) => {
    const next = { ...answers, [id]: code };
    setAnswers(next);
    if (currentType && !priorityTouched)
      setForm((f) => ({ ...f, priority: evaluateTriage(currentType, next).priority }));
  };
  const choosePriority = (p: Priority) => {
    setPriorityTouched(true);
    set('priority', p);
  };
  /** Ready for the next call: empty form, new idempotency key, timer stopped. */
  const reset = () => {
    setForm(EMPTY_FORM);
    setAnswers({});
    setCallStartedAt(null);
    setPriorityTouched(false);
    key.current = newKey();
  };
  return {
    form,
    setForm,
    set,
    callStartedAt,
    answers,
    currentType,
    chooseType,
    answer,
    choosePriority,
    reset,
    key,
  };
}

export type CallForm = ReturnType<typeof useCallForm>;
