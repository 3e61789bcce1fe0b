'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
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

/** A half-typed call as kept in the browser until it is saved or discarded. */
interface Draft {
  form: CallFormValues;
  callStartedAt: string | null;
  priorityTouched: boolean;
  answers: Record<string, string>;
  key: string;
  savedAt: number;
}
/** A draft older than a shift is not offered again. */
const DRAFT_MAX_AGE_MS = 12 * 3600_000;
const draftKey = (userId: number) => `cad112.callDraft.${userId}`;

function readDraft(userId: number): Draft | null {
  try {
    const d = JSON.parse(localStorage.getItem(draftKey(userId)) ?? 'null') as Draft | null;
    if (!d || typeof d.form !== 'object' || Date.now() - d.savedAt > DRAFT_MAX_AGE_MS) return null;
    return { ...d, form: { ...EMPTY_FORM, ...d.form } };
  } catch {
    return null;
  }
}

// The call form's state: its fields, the call timer (from the first thing typed into an empty form),
// the protocol answers and the priority they suggest (never over one the call-taker chose by hand),
// and the idempotency key of this call's write (a new one for each call). A half-typed call is kept in
// the browser per user (localStorage) with its timer and key, so a reload, a crashed tab or a logout
// by accident loses nothing, and a save repeated after the reload cannot log the call twice.
export function useCallForm(types: IncidentType[], userId: number) {
  const [form, setForm] = useState(EMPTY_FORM);
  const [callStartedAt, setCallStartedAt] = useState<string | null>(null);
  const [priorityTouched, setPriorityTouched] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [restored, setRestored] = useState(false);
  const key = useRef(newKey());
  const loaded = useRef(false);

  useEffect(() => {
    const d = readDraft(userId);
    if (d) {
      setForm(d.form);
      setCallStartedAt(d.callStartedAt);
      setPriorityTouched(d.priorityTouched);
      setAnswers(d.answers ?? {});
      key.current = d.key;
      setRestored(true);
    }
    loaded.current = true;
  }, [userId]);
  useEffect(() => {
    if (!loaded.current) return;
    if (callStartedAt === null) return localStorage.removeItem(draftKey(userId));
    const d: Draft = { form, callStartedAt, priorityTouched, answers, key: key.current, savedAt: Date.now() };
    localStorage.setItem(draftKey(userId), JSON.stringify(d));
  }, [form, callStartedAt, priorityTouched, answers, userId]);

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
  /** Ready for the next call: empty form, new idempotency key, timer stopped, the kept draft gone. */
  const reset = () => {
    setForm(EMPTY_FORM);
    setAnswers({});
    setCallStartedAt(null);
    setPriorityTouched(false);
    setRestored(false);
    key.current = newKey();
    localStorage.removeItem(draftKey(userId));
  };
  /** A call from the telephony: its timer runs from when the call reached the centre. */
  const startAt = useCallback((iso: string) => setCallStartedAt(iso), []);
  return {
    form,
    setForm,
    set,
    startAt,
    callStartedAt,
    answers,
    currentType,
    chooseType,
    answer,
    choosePriority,
    reset,
    key,
    /** The form was restored from a kept draft (the screen says so, with a way to discard it). */
    restored,
  };
}

export type CallForm = ReturnType<typeof useCallForm>;
