'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EVENT_CATALOGUE } from '@/lib/events/catalogue';
import { formatElapsed, formatStamp, fromLjubljana, toLjubljana } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { type ReplayState, stateAt } from '@/lib/replay/fold-replay';
import type { Replay as ReplayData } from '@/lib/replay/load-replay';
import { apiGet } from '../_components/api';
import { PRIORITY_COLOR, UNIT_STATUS_COLOR } from '../_components/colors';
import { errorText } from '../_components/error-text';
import { eventSummary } from '../_components/event-summary';
import { useUi } from '../_components/i18n';
import { LiveMap, type MapMarker } from '../_components/Map';
import { noteText } from '../_components/note-text';
import { TopBar } from '../_components/TopBar';
import { useIncidentTypes } from '../_components/use-incident-types';
import type { MapConfig, PageUser } from '../_lib/page-props';

const SPEEDS = [1, 10, 30, 60, 300];
const TICK_MS = 250;

// Plays an incident (or a whole time window) back on the map from the event log: positions,
// assignments, statuses and notes as they were at each moment, with play/pause, speed and a slider.
export function Replay({
  user,
  map,
  incidentId,
}: {
  user: PageUser;
  map: MapConfig;
  incidentId: number | null;
}) {
  const { t, lang } = useUi();
  const { typeName } = useIncidentTypes();
  const [data, setData] = useState<ReplayData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(10);
  const [windowStart, setWindowStart] = useState(() => toLjubljana(new Date(Date.now() - 3600_000)));
  const [windowHours, setWindowHours] = useState(1);
  const state = useRef<ReplayState | undefined>(undefined);

  const load = useCallback(
    async (path: string) => {
      setError(null);
      try {
        const d = await apiGet<ReplayData>(path);
        state.current = undefined;
        setData(d);
        setNow(Date.parse(d.from));
        setPlaying(false);
      } catch (err) {
        setError(errorText(err, t));
      }
    },
    [t],
  );
  useEffect(() => {
    if (incidentId !== null) void load(`/api/incidents/${incidentId}/replay`);
  }, [incidentId, load]);

  const start = data ? Date.parse(data.from) : 0;
  const end = data ? Date.parse(data.to) : 0;
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      setNow((n) => {
        const next = n + TICK_MS * speed;
        if (next >= end) {
          setPlaying(false);
          return end;
        }
        return next;
      });
    }, TICK_MS);
    return () => clearInterval(id);
  }, [playing, speed, end]);

  const view = useMemo(() => {
    if (!data) return null;
    state.current = stateAt(data.events, data.initial, now, state.current);
    const s = state.current;
    return {
      incidents: [...s.incidents.values()],
      units: [...s.units.values()],
      assignments: [...s.assignments.values()],
      notes: [...s.notes],
      tracks: [...s.tracks.entries()],
      applied: s.next,
    };
  }, [data, now]);

  const markers = useMemo<MapMarker[]>(() => {
    if (!view) return [];
    const list: MapMarker[] = [];
    for (const i of view.incidents)
      list.push({
        id: `i${i.id}`,
        kind: 'incident',
        lat: i.location.lat,
        lon: i.location.lon,
        color:
          i.status === 'closed' || i.status === 'cancelled'
            ? '#8c959f'
            : (PRIORITY_COLOR[i.priority] ?? '#888'),
        title: `${i.number} · ${t(`inc_${i.status}` as MessageKey)}`,
        selected: i.id === incidentId,
      });
    for (const u of view.units)
      if (u.position)
        list.push({
          id: `u${u.id}`,
          kind: 'unit',
          lat: u.position.lat,
          lon: u.position.lon,
          color: UNIT_STATUS_COLOR[u.status] ?? '#888',
          title: `${u.callsign} – ${t(`st_${u.status}` as MessageKey)}`,
        });
    return list;
  }, [view, incidentId, t]);
  const lines = useMemo(
    () =>
      (view?.tracks ?? [])
        .filter(([, pts]) => pts.length > 1)
        .map(([id, points]) => ({ id: `t${id}`, points, color: '#0b5cd5' })),
    [view],
  );
  // An incident's replay zooms to it; a window's shows the whole region.
  const focus = useMemo(() => {
    if (incidentId === null) return null;
    const first = data?.events.find((e) => e.type === 'incident.created');
    const inc = first?.type === 'incident.created' ? first.data.incident : undefined;
    return inc ? { lat: inc.location.lat, lon: inc.location.lon, zoom: 13 } : null;
  }, [data, incidentId]);

  const events = data?.events ?? [];
  const current = view ? view.applied - 1 : -1;
  // Around the current event only: a day's window can hold tens of thousands.
  const shownFrom = Math.max(0, current - 100);
  const shown = events.slice(shownFrom, shownFrom + 200);
  const listRef = useRef<HTMLOListElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the current event changes
  useEffect(() => {
    listRef.current?.querySelector('[aria-current="step"]')?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  return (
    <div className="shell">
      <TopBar user={user} current={incidentId === null ? '/replay' : ''} />
      <main className="main replay-main">
        <section className="panel replay-panel" aria-labelledby="replay-title">
          <h2 id="replay-title">
            {t('replay')}
            {incidentId !== null && view?.incidents[0]
              ? ` ${view.incidents.find((i) => i.id === incidentId)?.number ?? ''}`
              : ''}
          </h2>
          {incidentId === null && (
            <form
              className="filters"
              onSubmit={(e) => {
                e.preventDefault();
                const from = fromLjubljana(windowStart.date, windowStart.time);
                if (!from) {
                  setError(t('replayBadTime'));
                  return;
                }
                // A window reaching into the future ends now (what has happened so far).
                const to = new Date(Math.min(from.getTime() + windowHours * 3600_000, Date.now()));
                void load(
                  `/api/replay?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`,
                );
              }}
            >
              <label>
                {t('periodFrom')}
                <input
                  type="date"
                  value={windowStart.date}
                  onChange={(e) => setWindowStart((w) => ({ ...w, date: e.target.value }))}
                  data-testid="replay-date"
                />
              </label>
              <label>
                {t('replayClock')}
                <input
                  value={windowStart.time}
                  onChange={(e) => setWindowStart((w) => ({ ...w, time: e.target.value }))}
                  inputMode="numeric"
                  pattern="([01]?[0-9]|2[0-3]):[0-5][0-9]"
                  placeholder="HH:MM"
                  size={5}
                  data-testid="replay-time"
                />
              </label>
              <label>
                {t('replayHours')}
                <input
                  type="number"
                  min={1}
                  max={24}
                  value={windowHours}
                  onChange={(e) => setWindowHours(Number(e.target.value))}
                />
              </label>
              <button type="submit" className="primary" data-testid="replay-load">
                {t('replayLoad')}
              </button>
            </form>
          )}
          {error && (
            <div className="toast err" role="alert">
              {error}
            </div>
          )}
          {data && (
            <>
              <div className="replay-controls">
                <button
                  type="button"
                  onClick={() => {
                    state.current = undefined;
                    setNow(start);
                  }}
                  data-testid="replay-rewind"
                >
                  {t('replayRewind')}
                </button>
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    if (now >= end) setNow(start);
                    setPlaying((p) => !p);
                  }}
                  data-testid="replay-play"
                  aria-pressed={playing}
                >
                  {playing ? `⏸ ${t('replayPause')}` : `▶ ${t('replayPlay')}`}
                </button>
                <label>
                  {t('replaySpeed')}{' '}
                  <select
                    value={speed}
                    onChange={(e) => setSpeed(Number(e.target.value))}
                    data-testid="replay-speed"
                  >
                    {SPEEDS.map((s) => (
                      <option key={s} value={s}>
                        {s}×
                      </option>
                    ))}
                  </select>
                </label>
                <span className="replay-clock" data-testid="replay-clock">
                  {formatStamp(new Date(now))} <small>+{formatElapsed(data.from, now)}</small>
                </span>
              </div>
              <input
                type="range"
                className="replay-slider"
                min={start}
                max={end}
                step={1000}
                value={now}
                onChange={(e) => setNow(Number(e.target.value))}
                aria-label={t('replayTime')}
                aria-valuetext={formatStamp(new Date(now))}
                data-testid="replay-slider"
              />
              {data.truncated && <p className="toast err">{t('replayTruncated')}</p>}
              <div className="replay-now">
                <h3>{t('replayUnits')}</h3>
                <ul className="list" data-testid="replay-assignments">
                  {view?.assignments.map((a) => {
                    const u = view.units.find((x) => x.id === a.unitId);
                    return (
                      <li key={`${a.incidentId}-${a.unitId}`} data-status={a.status}>
                        <strong>{u?.callsign ?? a.unitId}</strong>{' '}
                        {incidentId === null && (
                          <span className="muted">
                            {view.incidents.find((i) => i.id === a.incidentId)?.number ?? ''}{' '}
                          </span>
                        )}
                        <span className="status" data-status={a.status}>
                          {t(`st_${a.status}` as MessageKey)}
                        </span>
                      </li>
                    );
                  })}
                </ul>
                {view && view.notes.length > 0 && (
                  <>
                    <h3>{t('notes')}</h3>
                    <ul className="list" data-testid="replay-notes">
                      {view.notes.map((n) => (
                        <li key={n.seq}>
                          <span className="muted">
                            {formatStamp(n.at).slice(-8)}{' '}
                            {incidentId === null
                              ? `${view.incidents.find((i) => i.id === n.incidentId)?.number ?? ''} `
                              : ''}
                            {n.author}:
                          </span>{' '}
                          {n.kind !== 'note' && <strong>{t(`note_${n.kind}`)}: </strong>}
                          {noteText(n, t)}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
              <h3>
                {t('replayEvents')} ({events.length})
              </h3>
              <ol className="replay-events" ref={listRef} data-testid="replay-events">
                {shown.map((e, k) => {
                  const i = shownFrom + k;
                  return (
                    <li
                      key={e.seq}
                      data-type={e.type}
                      aria-current={i === current ? 'step' : undefined}
                      className={i > current ? 'future' : ''}
                    >
                      <button type="button" className="link-button" onClick={() => setNow(Date.parse(e.at))}>
                        <span className="nowrap">{formatStamp(e.at).slice(-8)}</span>{' '}
                        <strong>{EVENT_CATALOGUE[e.type].label[lang]}</strong>{' '}
                        <span className="muted">{e.actor}</span> {eventSummary(e, { t, lang, typeName })}
                      </button>
                    </li>
                  );
                })}
              </ol>
            </>
          )}
        </section>
        <LiveMap
          tileUrl={map.tileUrl}
          attribution={map.attribution}
          markers={markers}
          lines={lines}
          focus={focus}
          testId="replay-map"
        />
      </main>
    </div>
  );
}
