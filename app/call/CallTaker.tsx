'use client';

import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseAnyCoordinates } from '@/lib/geo/parse-coordinates';
import { formatCoord, formatD96, formatElapsed, formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { LocationFixDto } from '@/lib/locations/location-fix-dto';
import { normalizePhone } from '@/lib/locations/phone';
import type { ConversationDto } from '@/lib/messages/conversation-dto';
import type { EventFrame } from '@/lib/realtime/event-types';
import { evaluateTriage } from '@/lib/triage/evaluate-triage';
import { ApiError, apiGet, apiSend, newKey } from '../_components/api';
import { PRIORITY_COLOR } from '../_components/colors';
import { useUi } from '../_components/i18n';
import { applyToIncidents, type IncidentRow, type IncidentType } from '../_components/live-state';
import { type MapMarker, LiveMap as MapPanel } from '../_components/Map';
import { TopBar } from '../_components/TopBar';
import { useNow } from '../_components/use-now';
import { useRealtime } from '../_components/use-realtime';
import type { MapConfig, PageUser } from '../_lib/page-props';
import { KnowledgePanel } from './KnowledgePanel';
import { PlaceSearch } from './PlaceSearch';
import { ProtocolQuestions } from './ProtocolQuestions';

type Priority = 'red' | 'yellow' | 'green';

interface Position {
  lat: number;
  lon: number;
  d96: { e: number; n: number };
}
const PRIORITY_KEY: Record<Priority, MessageKey> = {
  red: 'priorityRed',
  yellow: 'priorityYellow',
  green: 'priorityGreen',
};

const EMPTY = {
  phone: '',
  name: '',
  coords: '',
  accuracy: '',
  address: '',
  type: '',
  priority: 'yellow' as Priority,
  description: '',
};

export function CallTaker({ user, map }: { user: PageUser; map: MapConfig }) {
  const { t, lang } = useUi();
  const now = useNow();
  const [types, setTypes] = useState<IncidentType[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [priorityTouched, setPriorityTouched] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);
  const [incidents, setIncidents] = useState<Map<number, IncidentRow>>(new Map());
  const keyRef = useRef(newKey());
  const phoneRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const [ts, list] = await Promise.all([
      apiGet<IncidentType[]>('/api/incident-types'),
      apiGet<IncidentRow[]>('/api/incidents?status=all&limit=300'),
    ]);
    setTypes(ts);
    setIncidents(new Map(list.map((i) => [i.id, i])));
  }, []);
  // The caller's device location (AML/eCall) for the number being typed: shown apart, used on request.
  const [deviceFix, setDeviceFix] = useState<LocationFixDto | null | undefined>(undefined);
  const phoneKey = useRef<string | null>(null);
  const onEvent = useCallback((f: EventFrame) => {
    if (f.type === 'location.fix_received') {
      const fix = (f.data as { fix: LocationFixDto }).fix;
      if (fix.phone === phoneKey.current) setDeviceFix(fix);
    }
    setIncidents((m) => applyToIncidents(m, f) ?? m);
  }, []);
  const { state } = useRealtime(onEvent, load);

  // The call timer starts with the first thing typed into an empty form.
  const [callStartedAt, setCallStartedAt] = useState<string | null>(null);
  const set = (k: keyof typeof EMPTY, v: string) => {
    setCallStartedAt((c) => c ?? new Date().toISOString());
    setForm((f) => ({ ...f, [k]: v }));
  };
  useEffect(() => {
    const normalized = normalizePhone(form.phone);
    phoneKey.current = normalized;
    if (!normalized || normalized.length < 6) {
      setDeviceFix(undefined);
      return;
    }
    const id = setTimeout(() => {
      apiGet<LocationFixDto[]>(`/api/location-fixes?phone=${encodeURIComponent(normalized)}`)
        .then((list) => {
          if (phoneKey.current === normalized) setDeviceFix(list[0] ?? null);
        })
        .catch(() => {});
    }, 250);
    return () => clearTimeout(id);
  }, [form.phone]);
  const applyDeviceLocation = useCallback(() => {
    const pos = deviceFix?.position;
    if (!pos) return;
    setForm((f) => ({
      ...f,
      coords: formatCoord(pos.lat, pos.lon),
      accuracy:
        deviceFix?.accuracyM !== null && deviceFix?.accuracyM !== undefined
          ? String(deviceFix.accuracyM)
          : f.accuracy,
    }));
  }, [deviceFix]);
  // Any typed form (decimal, DMS, D96/TM) is resolved by the server (PostGIS) into both systems.
  const [resolved, setResolved] = useState<{ text: string; pos: Position } | null>(null);
  const resolve = useCallback(async (text: string): Promise<Position | null> => {
    if (!parseAnyCoordinates(text)) return null;
    try {
      const pos = await apiGet<Position>(`/api/geo/parse?text=${encodeURIComponent(text)}`);
      setResolved({ text, pos });
      return pos;
    } catch {
      return null;
    }
  }, []);
  useEffect(() => {
    const id = setTimeout(() => void resolve(form.coords), 200);
    return () => clearTimeout(id);
  }, [form.coords, resolve]);
  const picked = resolved && resolved.text === form.coords ? resolved.pos : null;

  // Possible duplicates: open incidents near the typed location, refreshed as it changes.
  const [nearby, setNearby] = useState<(IncidentRow & { distanceM: number | null })[]>([]);
  const pickedLat = picked?.lat;
  const pickedLon = picked?.lon;
  useEffect(() => {
    if (pickedLat === undefined || pickedLon === undefined) {
      setNearby([]);
      return;
    }
    let cancelled = false;
    apiGet<(IncidentRow & { distanceM: number | null })[]>(
      `/api/incidents/nearby?lat=${pickedLat}&lon=${pickedLon}`,
    )
      .then((list) => !cancelled && setNearby(list))
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [pickedLat, pickedLon]);

  // Opened from the inbox (/call?message=ID): the message prefills the form, and the incident, once
  // saved, is linked to the conversation (its transcript goes into the incident's notes).
  const [fromMessage, setFromMessage] = useState<{
    id: number;
    channel: 'email' | 'sms';
    label: string;
  } | null>(null);
  useEffect(() => {
    const id = Number(new URLSearchParams(location.search).get('message'));
    if (!Number.isInteger(id) || id <= 0) return;
    apiGet<ConversationDto>(`/api/messages/${id}`)
      .then((c) => {
        const text = (c.messages ?? [])
          .filter((m) => m.direction === 'in')
          .map((m) => m.text)
          .join('\n\n');
        setFromMessage({
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
  }, []);

  // Ready for the next call: empty form, new idempotency key, timer stopped, focus on the phone.
  const resetForm = () => {
    setForm(EMPTY);
    setAnswers({});
    setCallStartedAt(null);
    setPriorityTouched(false);
    keyRef.current = newKey();
    phoneRef.current?.focus();
  };

  const attachCall = async (incidentId: number, number: string) => {
    setBusy(true);
    try {
      await apiSend(
        'POST',
        `/api/incidents/${incidentId}/callers`,
        { phone: form.phone, name: form.name, note: form.description },
        { idempotencyKey: keyRef.current },
      );
      setNotice({ kind: 'ok', text: `${t('callAttached')} ${number}` });
      resetForm();
    } catch (err) {
      setNotice({
        kind: 'err',
        text: `${t('error')}: ${err instanceof ApiError ? err.message : String(err)}`,
      });
    } finally {
      setBusy(false);
    }
  };

  const chooseType = (code: string) => {
    const ty = types.find((x) => x.code === code);
    setAnswers({});
    setForm((f) => ({
      ...f,
      type: code,
      priority: !priorityTouched && ty ? ty.defaultPriority : f.priority,
    }));
  };
  const currentType = types.find((x) => x.code === form.type);
  const answer = (id: string, code: string) => {
    const next = { ...answers, [id]: code };
    setAnswers(next);
    // The protocol suggests; a priority the call-taker chose by hand is never overwritten.
    if (currentType && !priorityTouched)
      setForm((f) => ({ ...f, priority: evaluateTriage(currentType, next).priority }));
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const errs: Record<string, string> = {};
    const pos = picked ?? (await resolve(form.coords));
    if (!form.type) errs.type = t('fieldRequired');
    if (!pos) errs.coords = form.coords ? t('invalidCoordinates') : t('fieldRequired');
    setErrors(errs);
    if (Object.keys(errs).length || !pos) return;
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
          ...(Object.keys(answers).length ? { triage: { answers } } : {}),
          ...(callStartedAt ? { callStartedAt } : {}),
          ...(fromMessage ? { channel: fromMessage.channel } : {}),
        },
        { idempotencyKey: keyRef.current, onRetry: () => setNotice({ kind: 'err', text: t('retrying') }) },
      );
      if (fromMessage) {
        await apiSend(
          'POST',
          `/api/messages/${fromMessage.id}/incident`,
          { incidentId: created.id },
          { idempotencyKey: `link-${fromMessage.id}-${created.id}` },
        );
        setFromMessage(null);
        history.replaceState(null, '', '/call');
      }
      setNotice({ kind: 'ok', text: `${t('saved')}: ${created.number}` });
      resetForm();
    } catch (err) {
      if (err instanceof ApiError) {
        const fe: Record<string, string> = {};
        for (const f of err.fields) {
          const k =
            f.field.startsWith('body.location.lat') || f.field.startsWith('body.location.lon')
              ? 'coords'
              : (f.field.split('.').pop() ?? f.field);
          fe[k] = f.message;
        }
        setErrors(fe);
        setNotice({ kind: 'err', text: `${t('error')}: ${err.message}` });
      } else setNotice({ kind: 'err', text: t('retrying') });
    } finally {
      setBusy(false);
    }
  };

  // Keyboard first: Alt+letter jumps to a field (shown beside each label), Enter saves from any
  // single-line field, Ctrl+Enter from the description. Letters by key position (e.code), so the
  // Slovenian layout works the same; Alt+D/E/F are left to the browser.
  useEffect(() => {
    const jump: Record<string, string> = {
      KeyP: 'place-search',
      KeyK: 'coords',
      KeyV: 'type',
      KeyO: 'description',
      KeyT: 'phone',
    };
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.code === 'KeyL') {
        e.preventDefault();
        applyDeviceLocation();
        return;
      }
      const id = jump[e.code];
      if (id) {
        e.preventDefault();
        document.getElementById(id)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [applyDeviceLocation]);

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.altKey) return;
    const tag = (e.target as HTMLElement).tagName;
    if (tag === 'TEXTAREA' && !e.ctrlKey && !e.metaKey) return;
    if (tag === 'BUTTON') return;
    e.preventDefault();
    void submit();
  };

  // Incidents a machine opened (eCall) that wait for a person to confirm them.
  const flagged = useMemo(
    () =>
      [...incidents.values()].filter((i) => i.flagged && (i.status === 'new' || i.status === 'dispatched')),
    [incidents],
  );
  const confirmFlagged = async (i: IncidentRow) => {
    try {
      await apiSend(
        'PATCH',
        `/api/incidents/${i.id}`,
        { version: i.version, flagged: false },
        { idempotencyKey: newKey() },
      );
    } catch (err) {
      setNotice({
        kind: 'err',
        text: `${t('error')}: ${err instanceof ApiError ? err.message : String(err)}`,
      });
    }
  };

  const mine = useMemo(
    () =>
      [...incidents.values()]
        .filter((i) => i.createdBy === user.id)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, 15),
    [incidents, user.id],
  );
  const markers = useMemo<MapMarker[]>(() => {
    const list: MapMarker[] = [...incidents.values()]
      .filter((i) => i.status === 'new' || i.status === 'dispatched' || i.status === 'in_progress')
      .map((i) => ({
        id: `i${i.id}`,
        kind: 'incident',
        lat: i.location.lat,
        lon: i.location.lon,
        color: PRIORITY_COLOR[i.priority] ?? '#888',
        title: `${i.number} ${typeName(types, i.type, lang)} – ${i.location.address}`,
      }));
    if (picked)
      list.push({
        id: 'pick',
        kind: 'pick',
        lat: picked.lat,
        lon: picked.lon,
        color: '#0b5cd5',
        title: formatCoord(picked.lat, picked.lon),
      });
    if (deviceFix?.position)
      list.push({
        id: 'device',
        kind: 'device',
        lat: deviceFix.position.lat,
        lon: deviceFix.position.lon,
        color: '#8250df',
        title: `${t('deviceLocation')} ±${deviceFix.accuracyM ?? '?'} m`,
      });
    return list;
  }, [incidents, picked, types, lang, deviceFix, t]);
  const circles = deviceFix?.position
    ? [
        {
          id: 'device',
          lat: deviceFix.position.lat,
          lon: deviceFix.position.lon,
          radiusM: deviceFix.accuracyM ?? 0,
          color: '#8250df',
        },
      ]
    : [];

  return (
    <div className="shell">
      <TopBar user={user} conn={state} current="/call" />
      <main
        className="main"
        style={{ gridTemplateColumns: 'minmax(360px, 460px) minmax(260px, 340px) 1fr', gap: 10, padding: 10 }}
      >
        <div className="panel">
          <h2 style={{ display: 'flex', justifyContent: 'space-between' }}>
            {t('newIncident')}
            {callStartedAt && (
              <span
                className="timer"
                data-testid="call-timer"
                title={t('callTimer')}
                suppressHydrationWarning
              >
                {t('callStarted')} {now ? formatElapsed(callStartedAt, now) : ''}
              </span>
            )}
          </h2>
          {notice && (
            <div
              className={`toast ${notice.kind}`}
              role={notice.kind === 'err' ? 'alert' : 'status'}
              data-testid="notice"
            >
              {notice.text}
            </div>
          )}
          {fromMessage && (
            <div className="toast" role="status" data-testid="from-message">
              {t('fromMessage')}: {fromMessage.channel === 'email' ? t('channelEmail') : 'SMS'}{' '}
              {fromMessage.label}
            </div>
          )}
          <form onSubmit={submit} onKeyDown={onKeyDown} aria-label={t('newIncident')} noValidate>
            <div className="row">
              <div className="field">
                <label htmlFor="phone">
                  {t('callerPhone')} <kbd>Alt+T</kbd>
                </label>
                <input
                  id="phone"
                  ref={phoneRef}
                  autoFocus
                  inputMode="tel"
                  value={form.phone}
                  onChange={(e) => set('phone', e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="name">{t('callerName')}</label>
                <input id="name" value={form.name} onChange={(e) => set('name', e.target.value)} />
              </div>
            </div>
            {deviceFix !== undefined && (
              <div className="device-fix" data-testid="device-fix" role="status">
                <strong>{t('deviceLocation')}</strong>
                {deviceFix === null && <div className="muted">{t('deviceNone')}</div>}
                {deviceFix && !deviceFix.position && <div className="muted">{t('deviceNoFix')}</div>}
                {deviceFix?.position && (
                  <>
                    <div>
                      WGS84 {formatCoord(deviceFix.position.lat, deviceFix.position.lon)} · D96/TM{' '}
                      {formatD96(deviceFix.position.d96)}
                    </div>
                    <div className="muted" suppressHydrationWarning>
                      ±{deviceFix.accuracyM ?? '?'} m · {deviceFix.method ?? ''} · {t('deviceAge')}{' '}
                      {now ? formatElapsed(deviceFix.fixAt ?? deviceFix.receivedAt, now) : ''}
                    </div>
                    <button
                      type="button"
                      onClick={applyDeviceLocation}
                      aria-keyshortcuts="Alt+L"
                      data-testid="use-device"
                    >
                      {t('useDeviceLocation')} <kbd>Alt+L</kbd>
                    </button>
                  </>
                )}
              </div>
            )}
            <PlaceSearch
              onChoose={(p) =>
                setForm((f) => ({
                  ...f,
                  coords: formatCoord(p.position.lat, p.position.lon),
                  address: p.label,
                }))
              }
            />
            <div className="field">
              <label htmlFor="coords">
                {t('coordinates')} <kbd>Alt+K</kbd>
              </label>
              <input
                id="coords"
                placeholder={`46.05140, 14.50600 · 46°03'05"N 14°30'22"E · E 462135 N 101271`}
                value={form.coords}
                aria-invalid={Boolean(errors.coords)}
                aria-describedby="coords-hint"
                onChange={(e) => set('coords', e.target.value)}
              />
              <div id="coords-hint" className="muted" style={{ fontSize: 12, marginTop: 4 }}>
                {t('pickOnMap')}
              </div>
              {picked && (
                <div data-testid="resolved-position" style={{ fontSize: 13, marginTop: 2 }}>
                  WGS84 {formatCoord(picked.lat, picked.lon)} · D96/TM {formatD96(picked.d96)}
                </div>
              )}
              {errors.coords && <div className="error">{errors.coords}</div>}
            </div>
            {nearby.length > 0 && (
              <section className="duplicates" data-testid="duplicates" aria-label={t('possibleDuplicates')}>
                <strong>{t('possibleDuplicates')}</strong>
                <ul className="list">
                  {nearby.slice(0, 4).map((i) => (
                    <li key={i.id} className="board-item" data-priority={i.priority}>
                      <div className="title">
                        <span>
                          {i.number} · {typeName(types, i.type, lang)}
                        </span>
                        <span className="timer">
                          {i.distanceM !== null ? `${i.distanceM} m` : ''} · {formatTime(i.createdAt)}
                        </span>
                      </div>
                      <div className="muted">{i.location.address}</div>
                      <button
                        type="button"
                        onClick={() => attachCall(i.id, i.number)}
                        data-testid={`attach-${i.number}`}
                      >
                        {t('attachCall')}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <div className="row">
              <div className="field" style={{ flex: 3 }}>
                <label htmlFor="address">{t('address')}</label>
                <input id="address" value={form.address} onChange={(e) => set('address', e.target.value)} />
              </div>
              <div className="field" style={{ flex: 1 }}>
                <label htmlFor="accuracy">{t('accuracy')}</label>
                <input
                  id="accuracy"
                  inputMode="numeric"
                  value={form.accuracy}
                  onChange={(e) => set('accuracy', e.target.value.replace(/\D/g, ''))}
                />
              </div>
            </div>
            <div className="field">
              <label htmlFor="type">
                {t('incidentType')} <kbd>Alt+V</kbd>
              </label>
              <select
                id="type"
                value={form.type}
                aria-invalid={Boolean(errors.type)}
                onChange={(e) => chooseType(e.target.value)}
              >
                <option value="">{t('chooseType')}</option>
                {types.map((ty) => (
                  <option key={ty.code} value={ty.code}>
                    {ty.name[lang]}
                  </option>
                ))}
              </select>
              {errors.type && <div className="error">{errors.type}</div>}
            </div>
            <ProtocolQuestions questions={currentType?.questions ?? []} answers={answers} onAnswer={answer} />
            <fieldset className="field" style={{ border: 'none', padding: 0, margin: '0 0 10px' }}>
              <legend style={{ fontSize: 13, color: 'var(--muted)', marginBottom: 3 }}>
                {t('priority')}
              </legend>
              <div className="row" role="radiogroup">
                {(['red', 'yellow', 'green'] as const).map((p) => (
                  <label
                    key={p}
                    style={{
                      display: 'flex',
                      alignItems: 'center',
                      gap: 6,
                      color: 'var(--text)',
                      fontSize: 15,
                    }}
                  >
                    <input
                      type="radio"
                      name="priority"
                      value={p}
                      style={{ width: 'auto' }}
                      checked={form.priority === p}
                      onChange={() => {
                        setPriorityTouched(true);
                        set('priority', p);
                      }}
                    />
                    <span className={`prio prio-${p}`} /> {t(PRIORITY_KEY[p])}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="field">
              <label htmlFor="description">
                {t('description')} <kbd>Alt+O</kbd>
              </label>
              <textarea
                id="description"
                rows={4}
                value={form.description}
                onChange={(e) => set('description', e.target.value)}
              />
            </div>
            <div className="row" style={{ alignItems: 'center' }}>
              <button
                className="primary"
                type="submit"
                disabled={busy}
                style={{ flex: 'none', padding: '10px 18px' }}
              >
                {busy ? t('saving') : t('submitIncident')}
              </button>
              <span className="muted" style={{ fontSize: 12 }}>
                {t('submitHint')}
              </span>
              <button
                type="button"
                style={{ flex: 'none' }}
                onClick={() => {
                  resetForm();
                  setErrors({});
                }}
              >
                {t('clearForm')}
              </button>
            </div>
          </form>
          {flagged.length > 0 && (
            <section className="duplicates" aria-label={t('flaggedEcall')} data-testid="flagged-list">
              <strong>{t('flaggedEcall')}</strong>
              <ul className="list">
                {flagged.map((i) => (
                  <li key={i.id} className="board-item" data-priority={i.priority}>
                    <div className="title">
                      <span>
                        {i.number} · {typeName(types, i.type, lang)}
                      </span>
                      <span className="timer">{formatTime(i.createdAt)}</span>
                    </div>
                    <div className="muted">{i.description}</div>
                    <button
                      type="button"
                      onClick={() => confirmFlagged(i)}
                      data-testid={`confirm-${i.number}`}
                    >
                      {t('confirmIncident')}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <h2 style={{ marginTop: 18 }}>{t('myRecent')}</h2>
          {mine.length === 0 && <p className="muted">{t('none')}</p>}
          <ul className="list" data-testid="my-incidents">
            {mine.map((i) => (
              <li key={i.id} className="board-item" data-priority={i.priority}>
                <div className="title">
                  <span>
                    {i.number} · {typeName(types, i.type, lang)}
                  </span>
                  <span className="timer">{formatTime(i.createdAt)}</span>
                </div>
                <div className="muted">
                  {i.location.address || formatCoord(i.location.lat, i.location.lon)} ·{' '}
                  {t(`inc_${i.status}` as MessageKey)}
                </div>
              </li>
            ))}
          </ul>
        </div>
        <KnowledgePanel type={form.type} />
        <MapPanel
          tileUrl={map.tileUrl}
          attribution={map.attribution}
          markers={markers}
          circles={circles}
          focus={
            deviceFix?.position
              ? { lat: deviceFix.position.lat, lon: deviceFix.position.lon, zoom: 13 }
              : null
          }
          onMapClick={(lat, lon) => {
            set('coords', formatCoord(lat, lon));
            // Suggest the nearest address only into an empty field: never overwrite what was typed.
            apiGet<{ nearest: { label: string; distanceM: number } | null }>(
              `/api/geocode/reverse?lat=${lat}&lon=${lon}`,
            )
              .then((r) => {
                const n = r.nearest;
                if (n)
                  setForm((f) =>
                    f.address
                      ? f
                      : { ...f, address: n.distanceM > 50 ? `${n.label} (~${n.distanceM} m)` : n.label },
                  );
              })
              .catch(() => {});
          }}
        />
      </main>
    </div>
  );
}

function typeName(types: IncidentType[], code: string, lang: 'sl' | 'en'): string {
  return types.find((x) => x.code === code)?.name[lang] ?? code;
}
