'use client';

import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { EcallDto } from '@/lib/ecall/ecall-dto';
import { locationDoubt } from '@/lib/geo/plausible-location';
import { formatCoord } from '@/lib/i18n/format';
import type { ConversationDto } from '@/lib/messages/conversation-dto';
import type { CallDto } from '@/lib/telephony/call-dto';
import { ApiError, apiGet, apiSend } from '../_components/api';
import { errorText } from '../_components/error-text';
import { useUi } from '../_components/i18n';
import type { IncidentRow, IncidentType } from '../_components/live-state';
import { useCallForm } from './use-call-form';
import { useCoordinates, useDeviceFix, useNearby } from './use-call-lookups';

export interface FromMessage {
  id: number;
  channel: 'email' | 'sms' | 'ecall' | 'phone';
  label: string;
}

// Everything the call-taker does with one call: the form and its lookups, saving the incident (or
// attaching the call to an existing one), the keyboard, and an intake opened from the inbox.
export function useCallIntake(types: IncidentType[], userId: number) {
  const { t } = useUi();
  const call = useCallForm(types, userId);
  const { form, setForm } = call;
  const device = useDeviceFix(form.phone);
  const coords = useCoordinates(form.coords);
  const nearby = useNearby(coords.picked);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);
  /** The coordinates text the call-taker confirmed although it lies abroad. */
  const [confirmedAbroad, setConfirmedAbroad] = useState<string | null>(null);
  const doubt = coords.picked ? locationDoubt(coords.picked.lat, coords.picked.lon) : null;
  const phoneRef = useRef<HTMLInputElement>(null);
  const fromMessage = useFromMessage(setForm, call.startAt);

  // A field's error goes as soon as the field is valid again (or is being corrected).
  const prev = useRef(form);
  useEffect(() => {
    const before = prev.current;
    prev.current = form;
    setErrors((errs) => {
      const next = { ...errs };
      for (const k of Object.keys(errs) as (keyof typeof form)[])
        if (k in form && form[k] !== before[k]) delete next[k];
      if (next.type && form.type) delete next.type;
      if (next.coords && coords.picked) delete next.coords;
      return Object.keys(next).length === Object.keys(errs).length ? errs : next;
    });
  }, [form, coords.picked]);

  const fail = (err: unknown) => setNotice({ kind: 'err', text: `${t('error')}: ${errorText(err, t)}` });
  const resetForm = () => {
    call.reset();
    callSaved.current = true;
    setCurrentCall((c) => (c?.state === 'answered' ? c : null));
    setErrors({});
    phoneRef.current?.focus();
  };

  const fix = device.fix;
  const applyDeviceLocation = useCallback(() => {
    const pos = fix?.position;
    if (!pos) return;
    setForm((f) => ({
      ...f,
      coords: formatCoord(pos.lat, pos.lon),
      accuracy: fix?.accuracyM !== null && fix?.accuracyM !== undefined ? String(fix.accuracyM) : f.accuracy,
    }));
  }, [fix, setForm]);
  /** The call answered at this call-taker's position (the screen-pop), until the incident is saved. */
  const [currentCall, setCurrentCall] = useState<CallDto | null>(null);
  /** The current call's incident is saved: the box stays while the caller is on the line (to transfer). */
  const callSaved = useRef(false);
  const takeCall = useCallback(
    (c: CallDto) => {
      callSaved.current = false;
      setCurrentCall(c);
      fromMessage.takeCall(c);
    },
    [fromMessage.takeCall],
  );
  /** A newer copy of the current call (it ended, was transferred, its location came). */
  const updateCall = useCallback(
    (c: CallDto) =>
      setCurrentCall((cur) => {
        if (cur?.id !== c.id) return cur;
        return c.state !== 'answered' && callSaved.current ? null : c;
      }),
    [],
  );
  const applyCallerLocation = useCallback(() => {
    const pos = currentCall?.location.position;
    if (!pos) return;
    const acc = currentCall?.location.accuracyM;
    setForm((f) => ({
      ...f,
      coords: formatCoord(pos.lat, pos.lon),
      accuracy: acc !== null && acc !== undefined ? String(Math.round(acc)) : f.accuracy,
      address: f.address || currentCall?.location.civic || '',
    }));
  }, [currentCall, setForm]);
  useAltKeys(applyDeviceLocation, applyCallerLocation);

  const attachCall = async (incidentId: number, number: string) => {
    setBusy(true);
    try {
      await apiSend(
        'POST',
        `/api/incidents/${incidentId}/callers`,
        { phone: form.phone, name: form.name, note: form.description },
        { idempotencyKey: call.key.current },
      );
      if (fromMessage.current?.channel === 'phone') await fromMessage.link(incidentId);
      setNotice({ kind: 'ok', text: `${t('callAttached')} ${number}` });
      resetForm();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const errs: Record<string, string> = {};
    const pos = await coords.resolveNow();
    if (!form.type) errs.type = t('fieldRequired');
    if (!pos) errs.coords = form.coords ? t('invalidCoordinates') : t('fieldRequired');
    setErrors(errs);
    if (Object.keys(errs).length || !pos) return;
    // A position abroad is asked about once; saving again confirms it (a caller can be abroad).
    if (locationDoubt(pos.lat, pos.lon).kind === 'outside' && confirmedAbroad !== form.coords) {
      setConfirmedAbroad(form.coords);
      setNotice({ kind: 'err', text: `${t('outsideCountry')} ${t('saveAgainToConfirm')}` });
      return;
    }
    setBusy(true);
    setNotice(null);
    const accuracy = Number.parseInt(form.accuracy, 10);
    try {
      const created = await apiSend<IncidentRow>(
        'POST',
        '/api/incidents',
        {
          type: form.type,
          priority: form.priority,
          description: form.description,
          location: {
            lat: pos.lat,
            lon: pos.lon,
            ...(Number.isFinite(accuracy) ? { accuracyM: accuracy } : {}),
            address: form.address,
          },
          caller: { phone: form.phone, name: form.name },
          ...(Object.keys(call.answers).length ? { triage: { answers: call.answers } } : {}),
          ...(call.callStartedAt ? { callStartedAt: call.callStartedAt } : {}),
          ...(fromMessage.current ? { channel: fromMessage.current.channel } : {}),
        },
        { idempotencyKey: call.key.current, onRetry: () => setNotice({ kind: 'err', text: t('retrying') }) },
      );
      await fromMessage.link(created.id);
      setNotice({ kind: 'ok', text: `${t('saved')}: ${created.number}` });
      resetForm();
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(fieldErrors(err));
        setNotice({ kind: 'err', text: `${t('error')}: ${errorText(err, t)}` });
      } else setNotice({ kind: 'err', text: t('retrying') });
    } finally {
      setBusy(false);
    }
  };

  // Enter saves from any single-line field, Ctrl+Enter from the description.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.altKey) return;
    const tag = (e.target as HTMLElement).tagName;
    if (tag === 'TEXTAREA' && !e.ctrlKey && !e.metaKey) return;
    if (tag === 'BUTTON') return;
    e.preventDefault();
    void submit();
  };

  return {
    call,
    deviceFix: fix,
    onDeviceEvent: device.onEvent,
    picked: coords.picked,
    /** The position seems abroad (and maybe swapped): the form asks before saving. */
    doubt,
    nearby,
    errors,
    busy,
    notice,
    setNotice,
    fail,
    phoneRef,
    fromMessage: fromMessage.current,
    takeEcall: fromMessage.takeEcall,
    currentCall,
    takeCall,
    updateCall,
    applyCallerLocation,
    applyDeviceLocation,
    attachCall,
    submit,
    onKeyDown,
    resetForm,
  };
}

export type CallIntake = ReturnType<typeof useCallIntake>;

/** A server's field errors on the form's fields (coordinates are one field on the form). */
function fieldErrors(err: ApiError): Record<string, string> {
  const fe: Record<string, string> = {};
  for (const f of err.fields) {
    const k =
      f.field.startsWith('body.location.lat') || f.field.startsWith('body.location.lon')
        ? 'coords'
        : (f.field.split('.').pop() ?? f.field);
    fe[k] = f.message;
  }
  return fe;
}

// Keyboard first: Alt+letter jumps to a field (shown beside each label), Alt+L takes the device
// location, Alt+N the caller's network location. Letters by key position (e.code), so the Slovenian
// layout works the same; Alt+D/E/F are left to the browser.
const JUMP: Record<string, string> = {
  KeyP: 'place-search',
  KeyK: 'coords',
  KeyV: 'type',
  KeyO: 'description',
  KeyT: 'phone',
};
function useAltKeys(applyDeviceLocation: () => void, applyCallerLocation: () => void) {
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.code === 'KeyL') {
        e.preventDefault();
        applyDeviceLocation();
        return;
      }
      if (e.code === 'KeyN') {
        e.preventDefault();
        applyCallerLocation();
        return;
      }
      const id = JUMP[e.code];
      if (id) {
        e.preventDefault();
        document.getElementById(id)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [applyDeviceLocation, applyCallerLocation]);
}

// Opened from the inbox (/call?message=ID) or for an eCall that waits for a location (/call?ecall=ID,
// or "open in the form" on this screen): the message prefills the form, and the incident, once saved,
// is linked to the conversation or the eCall (its transcript or vehicle data goes into the notes).
function useFromMessage(setForm: ReturnType<typeof useCallForm>['setForm'], startAt: (iso: string) => void) {
  const [current, setCurrent] = useState<FromMessage | null>(null);
  // A 112 call answered at this position: number, name and timer from the call; its location stays
  // the caller's (shown apart) until taken.
  const takeCall = useCallback(
    (c: CallDto) => {
      setCurrent({ id: c.id, channel: 'phone', label: c.caller ?? c.callerUri ?? '' });
      startAt(c.offeredAt);
      setForm((f) => ({
        ...f,
        phone: c.caller ?? f.phone,
        name: c.callerName ?? c.additional.subscriber?.name ?? f.name,
      }));
    },
    [setForm, startAt],
  );
  const takeEcall = useCallback(
    (e: EcallDto) => {
      setCurrent({ id: e.id, channel: 'ecall', label: `VIN ${e.vin}` });
      setForm((f) => ({
        ...f,
        type: 'traffic_accident',
        priority: e.automaticActivation ? 'red' : 'yellow',
        description: `${e.summary}\n${e.note}`.slice(0, 4000),
        ...(e.callbackNumber ? { phone: e.callbackNumber } : {}),
      }));
    },
    [setForm],
  );
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const ecall = Number(params.get('ecall'));
    if (Number.isInteger(ecall) && ecall > 0) {
      apiGet<EcallDto>(`/api/ecall/${ecall}`)
        .then(takeEcall)
        .catch(() => {});
      return;
    }
    const id = Number(params.get('message'));
    if (!Number.isInteger(id) || id <= 0) return;
    apiGet<ConversationDto>(`/api/messages/${id}`)
      .then((c) => {
        const text = (c.messages ?? [])
          .filter((m) => m.direction === 'in')
          .map((m) => m.text)
          .join('\n\n');
        setCurrent({
          id: c.id,
          channel: c.channel,
          label: `${c.counterpart}${c.subject ? ` – ${c.subject}` : ''}`,
        });
        setForm((f) => ({
          ...f,
          description: `${c.subject ? `${c.subject}\n` : ''}${text}`.slice(0, 4000),
          ...(c.channel === 'sms' ? { phone: c.counterpart } : {}),
        }));
      })
      .catch(() => {});
  }, [setForm, takeEcall]);
  const link = async (incidentId: number) => {
    if (!current) return;
    await apiSend(
      'POST',
      current.channel === 'ecall'
        ? `/api/ecall/${current.id}/incident`
        : current.channel === 'phone'
          ? `/api/calls/${current.id}/incident`
          : `/api/messages/${current.id}/incident`,
      { incidentId },
      { idempotencyKey: `link-${current.channel}-${current.id}-${incidentId}` },
    );
    setCurrent(null);
    history.replaceState(null, '', '/call');
  };
  return { current, link, takeEcall, takeCall };
}
