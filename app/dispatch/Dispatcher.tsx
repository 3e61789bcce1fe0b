'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventFrame } from '@/lib/events/catalogue';
import type { HandoverDto } from '@/lib/handovers/handover-dto';
import { formatTime } from '@/lib/i18n/format';
import { type HandoverMap, reduceHandovers } from '@/lib/live/station-alerts';
import { ApiError, apiGet } from '../_components/api';
import { useUi } from '../_components/i18n';
import { TopBar } from '../_components/TopBar';
import { useKey } from '../_components/use-key';
import type { MapConfig, PageUser } from '../_lib/page-props';
import { BoardRow } from './BoardRow';
import { DispatchMap } from './DispatchMap';
import { IncidentDetail } from './IncidentDetail';
import { MAP_CHANNEL } from './map-channel';
import { useDispatchData } from './use-dispatch-data';
import { useEscalations } from './use-escalations';

// The dispatcher's screen: the board of open incidents (most urgent first), the map, and the selected
// incident's detail. ↑/↓ move through the board, R assigns the recommended units, A alerts again.
export function Dispatcher({ user, map }: { user: PageUser; map: MapConfig }) {
  const { t } = useUi();
  const [selected, setSelected] = useState<number | null>(null);
  const [focus, setFocus] = useState<{ lat: number; lon: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [handovers, setHandovers] = useState<HandoverMap>(new Map());
  const onHandover = useCallback((f: EventFrame) => setHandovers((m) => reduceHandovers(m, f)), []);
  const { incidents, open: board, units, unitList, typeName, state } = useDispatchData(onHandover);
  const current = selected !== null ? incidents.get(selected) : undefined;

  // The selected incident's earlier hand-overs; later ones arrive as events.
  useEffect(() => {
    if (selected === null) return;
    apiGet<HandoverDto[]>(`/api/handovers?incidentId=${selected}`)
      .then((list) => setHandovers((m) => new Map([...m, ...list.map((h) => [h.id, h] as const)])))
      .catch(() => {});
  }, [selected]);

  const { escalated, realertAll } = useEscalations(board, (err) =>
    setError(err instanceof ApiError ? err.message : String(err)),
  );

  // The map-only second window (another monitor) follows the selection through a BroadcastChannel.
  const channel = useRef<BroadcastChannel | null>(null);
  useEffect(() => {
    channel.current = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(MAP_CHANNEL);
    return () => channel.current?.close();
  }, []);
  const select = useCallback(
    (id: number) => {
      setSelected(id);
      const inc = incidents.get(id);
      if (!inc) return;
      const { lat, lon } = inc.location;
      setFocus({ lat, lon });
      channel.current?.postMessage({ type: 'select', incidentId: id, lat, lon });
    },
    [incidents],
  );
  // Stable for the memoised board rows, always calling the current `select`.
  const selectRef = useRef(select);
  selectRef.current = select;
  const onSelect = useCallback((id: number) => selectRef.current(id), []);

  const step = (delta: number) => {
    const idx = board.findIndex((i) => i.id === selected);
    const next = board[Math.max(0, Math.min(board.length - 1, idx + delta))];
    if (next) select(next.id);
    return next !== undefined;
  };
  useKey('ArrowDown', () => step(1));
  useKey('ArrowUp', () => step(-1));

  return (
    <div className="shell">
      <TopBar user={user} conn={state} current="/dispatch" />
      <main
        className="main"
        style={{ gridTemplateColumns: 'minmax(300px, 380px) 1fr minmax(340px, 420px)', gap: 10, padding: 10 }}
      >
        <section className="panel" aria-labelledby="board-title">
          {escalated.length > 0 && (
            <div className="escalated" role="alert" data-testid="escalated">
              <strong>{t('escalatedAlerts')}</strong>
              {escalated.map((e) => (
                <div key={e.assignment.id}>
                  {e.assignment.callsign} · {e.incident.number} · {t('alertSent')}{' '}
                  {e.assignment.alert ? formatTime(e.assignment.alert.sentAt) : ''}
                </div>
              ))}
              <button
                type="button"
                className="primary"
                onClick={realertAll}
                aria-keyshortcuts="A"
                data-testid="realert"
              >
                {t('realert')} <kbd>A</kbd>
              </button>
            </div>
          )}
          {error && (
            <div className="toast err" role="alert">
              {error}
            </div>
          )}
          <button
            type="button"
            onClick={() => window.open('/dispatch/map', 'cad112-map')}
            data-testid="open-map-window"
          >
            {t('mapWindow')} ↗
          </button>
          <h2 id="board-title" style={{ marginTop: 8 }}>
            {t('openIncidents')} (<span data-testid="board-count">{board.length}</span>)
          </h2>
          <div className="list" role="listbox" aria-label={t('openIncidents')} data-testid="board">
            {board.map((i) => (
              <BoardRow
                key={i.id}
                incident={i}
                typeLabel={typeName(i.type)}
                selected={i.id === selected}
                onSelect={onSelect}
              />
            ))}
          </div>
        </section>
        <DispatchMap
          map={map}
          incidents={board}
          units={unitList}
          selected={selected}
          focus={focus}
          typeName={typeName}
          onSelect={select}
        />
        <section className="panel" aria-labelledby="detail-title" data-testid="detail">
          {current ? (
            <IncidentDetail
              key={current.id}
              incident={current}
              units={units}
              handovers={[...handovers.values()].filter((h) => h.incidentId === current.id)}
              typeName={typeName}
            />
          ) : (
            <p className="muted" id="detail-title">
              {t('noIncidentSelected')}
            </p>
          )}
        </section>
      </main>
    </div>
  );
}
