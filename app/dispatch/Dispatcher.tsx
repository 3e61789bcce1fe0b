'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TransferDto } from '@/lib/centres/transfer';
import type { EventFrame } from '@/lib/events/catalogue';
import type { HandoverDto } from '@/lib/handovers/handover-dto';
import { formatTime } from '@/lib/i18n/format';
import { isOpenIncident } from '@/lib/incidents/incident-status';
import { BOARD_SORTS, type BoardSort, newestUnassigned, sortBoard, sortEnded } from '@/lib/live/board-order';
import { type HandoverMap, reduceHandovers } from '@/lib/live/station-alerts';
import { AlarmSound } from '../_components/alarm-sound';
import { apiGet } from '../_components/api';
import { errorText } from '../_components/error-text';
import { useUi } from '../_components/i18n';
import type { IncidentRow } from '../_components/live-state';
import { TopBar } from '../_components/TopBar';
import { useCentres } from '../_components/use-centres';
import { useKey } from '../_components/use-key';
import type { MapConfig, PageUser } from '../_lib/page-props';
import { Board } from './Board';
import { type CentreContext, IncomingTransfers } from './CentreTransfer';
import { DispatchMap } from './DispatchMap';
import { IncidentDetail } from './IncidentDetail';
import { MAP_CHANNEL } from './map-channel';
import { type AgencyLimits, UnitsBoard } from './UnitsBoard';
import { useDispatchData } from './use-dispatch-data';
import { useEscalations } from './use-escalations';

const SORT_KEY = 'cad112.boardSort';
const SCOPE_KEY = 'cad112.regionScope';

// The dispatcher's screen: the board of open incidents (one tab stop, ↑/↓ inside), the map or the
// units status board (B), and the selected incident's detail. R assigns the recommended units, A
// alerts the selected incident's escalated alerts again (Shift+A all), G jumps to an incident by
// number, Shift+N to the newest unassigned one. A new red incident chimes and stays marked until
// it is opened.
export function Dispatcher({
  user,
  map,
  limits,
}: {
  user: PageUser;
  map: MapConfig;
  limits: AgencyLimits[];
}) {
  const { t } = useUi();
  const [selected, setSelected] = useState<number | null>(null);
  const selectedRef = useRef<number | null>(null);
  selectedRef.current = selected;
  // The map follows the selection once it rests: holding ↓ through the board updates the detail at
  // once and moves the map (and its thousands of markers) only where the dispatcher stops.
  const [target, setFocus] = useState<{ lat: number; lon: number } | null>(null);
  const [focus, setMapFocus] = useState<{ lat: number; lon: number } | null>(null);
  useEffect(() => {
    const id = setTimeout(() => setMapFocus(target), 250);
    return () => clearTimeout(id);
  }, [target]);
  const [error, setError] = useState<string | null>(null);
  const [handovers, setHandovers] = useState<HandoverMap>(new Map());
  const [timelineTick, setTimelineTick] = useState(0);
  const [unopened, setUnopened] = useState<ReadonlySet<number>>(new Set());
  const [view, setView] = useState<'open' | 'ended'>('open');
  const [centre, setCentre] = useState<'map' | 'units'>('map');
  const [sort, setSortState] = useState<BoardSort>('urgency');
  const chime = useRef<AlarmSound | null>(null);

  const onFrame = useCallback((f: EventFrame) => {
    setHandovers((m) => reduceHandovers(m, f));
    const sel = selectedRef.current;
    if (
      (f.type === 'incident.note_added' && f.data.note.incidentId === sel) ||
      (f.type === 'incident.caller_added' && f.data.caller.incidentId === sel) ||
      (f.type === 'incident.linked' && (f.data.incidentId === sel || f.data.linkedId === sel)) ||
      ((f.type === 'oncall.notified' || f.type === 'oncall.acknowledged') &&
        f.data.notification.incidentId === sel) ||
      ((f.type === 'incident.substance_added' || f.type === 'incident.substance_removed') &&
        f.data.substance.incidentId === sel) ||
      f.type === 'location_note.saved' ||
      f.type === 'location_note.deleted' ||
      f.type === 'oncall.service_saved'
    )
      setTimelineTick((n) => n + 1);
    // A red incident, new or raised to red, is marked until opened and chimes once.
    const inc = f.type === 'incident.created' || f.type === 'incident.updated' ? f.data.incident : null;
    const raised =
      f.type === 'incident.created' || (f.type === 'incident.updated' && f.data.changes.includes('priority'));
    if (inc && raised && inc.priority === 'red' && isOpenIncident(inc.status) && inc.id !== sel) {
      setUnopened((s) => new Set(s).add(inc.id));
      chime.current ??= new AlarmSound();
      chime.current.chime();
    }
  }, []);
  const [transfers, setTransfers] = useState<TransferDto[]>([]);
  const loadTransfers = useCallback(() => {
    apiGet<TransferDto[]>('/api/transfers')
      .then(setTransfers)
      .catch(() => {});
  }, []);
  const onAnyFrame = useCallback(
    (f: EventFrame) => {
      onFrame(f);
      if (
        f.type === 'incident.transfer_requested' ||
        f.type === 'incident.transfer_accepted' ||
        f.type.startsWith('centre.')
      )
        loadTransfers();
    },
    [onFrame, loadTransfers],
  );
  const {
    incidents,
    open: allOpen,
    units,
    unitList,
    typeName,
    state,
    put,
  } = useDispatchData(onAnyFrame, loadTransfers);
  const current = selected !== null ? incidents.get(selected) : undefined;

  // The board and the map show my region (my centre's and the regions it has taken over) or the
  // whole country (W); the choice is remembered on this workstation.
  const centres = useCentres();
  const [scope, setScopeState] = useState<'mine' | 'all'>('mine');
  useEffect(() => {
    const saved = localStorage.getItem(SCOPE_KEY);
    if (saved === 'mine' || saved === 'all') setScopeState(saved);
  }, []);
  const setScope = (s: 'mine' | 'all') => {
    setScopeState(s);
    localStorage.setItem(SCOPE_KEY, s);
  };
  const mine = useMemo(() => centres.handledBy(user.centreId), [centres, user.centreId]);
  const open = useMemo(
    () => (scope === 'all' || mine.size === 0 ? allOpen : allOpen.filter((i) => mine.has(i.centreId))),
    [scope, mine, allOpen],
  );
  const centreCtx: CentreContext = useMemo(
    () => ({ centres, myCentreId: user.centreId, mine, transfers }),
    [centres, user.centreId, mine, transfers],
  );
  useKey('w', () => {
    setScope(scope === 'mine' ? 'all' : 'mine');
    return true;
  });

  useEffect(() => {
    const saved = localStorage.getItem(SORT_KEY);
    if (saved && (BOARD_SORTS as readonly string[]).includes(saved)) setSortState(saved as BoardSort);
  }, []);
  const setSort = (s: BoardSort) => {
    setSortState(s);
    localStorage.setItem(SORT_KEY, s);
  };
  const board = useMemo(
    () =>
      view === 'open'
        ? sortBoard(open, sort)
        : sortEnded([...incidents.values()].filter((i) => !isOpenIncident(i.status))),
    [view, open, sort, incidents],
  );

  // The recently ended incidents (to reopen), when that list is shown.
  useEffect(() => {
    if (view !== 'ended') return;
    apiGet<IncidentRow[]>('/api/incidents?status=ended&limit=100')
      .then(put)
      .catch((err) => setError(errorText(err, t)));
  }, [view, put, t]);

  // The selected incident's earlier hand-overs; later ones arrive as events.
  useEffect(() => {
    if (selected === null) return;
    apiGet<HandoverDto[]>(`/api/handovers?incidentId=${selected}`)
      .then((list) => setHandovers((m) => new Map([...m, ...list.map((h) => [h.id, h] as const)])))
      .catch(() => {});
  }, [selected]);

  const { escalated, realertAll, realertSelected, realertOne } = useEscalations(open, selected, (err) =>
    setError(errorText(err, t)),
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
      setUnopened((s) => {
        if (!s.has(id)) return s;
        const next = new Set(s);
        next.delete(id);
        return next;
      });
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

  /** Opens any incident: from the live map, or read once (a closed one, a merged duplicate). */
  const openIncident = useCallback(
    async (id: number) => {
      if (!incidents.has(id)) {
        try {
          put([await apiGet<IncidentRow>(`/api/incidents/${id}`)]);
        } catch (err) {
          setError(errorText(err, t));
          return;
        }
      }
      setSelected(id);
    },
    [incidents, put, t],
  );
  // The map follows an incident opened by id (not through select) once it is loaded.
  const currentId = current?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when another incident is opened
  useEffect(() => {
    if (current) setFocus({ lat: current.location.lat, lon: current.location.lon });
  }, [currentId]);

  const jumpTo = async (text: string): Promise<boolean> => {
    const n = text.trim();
    if (!n) return false;
    const full = /^\d{4}-\d{6}$/.test(n) ? n : null;
    const local = [...incidents.values()].find(
      (i) => i.number === n || (!full && i.number.endsWith(`-${n.padStart(6, '0')}`)),
    );
    if (local) {
      select(local.id);
      return true;
    }
    const number = full ?? `${new Date().getFullYear()}-${n.padStart(6, '0')}`;
    try {
      const found = await apiGet<IncidentRow[]>(
        `/api/incidents?status=all&number=${encodeURIComponent(number)}`,
      );
      if (found[0]) {
        put(found);
        setSelected(found[0].id);
        return true;
      }
    } catch {}
    setError(t('noSuchIncident'));
    return false;
  };

  const step = (delta: number) => {
    const idx = board.findIndex((i) => i.id === selected);
    const next = board[Math.max(0, Math.min(board.length - 1, idx + delta))];
    if (next) select(next.id);
    return next !== undefined;
  };
  useKey('ArrowDown', () => step(1));
  useKey('ArrowUp', () => step(-1));
  useKey('N', () => {
    const next = newestUnassigned(open);
    if (next) select(next.id);
    return next !== undefined;
  });
  useKey('b', () => {
    setCentre((c) => (c === 'map' ? 'units' : 'map'));
    return true;
  });

  return (
    <div className="shell">
      <TopBar user={user} conn={state} current="/dispatch" />
      <main
        className="main"
        style={{ gridTemplateColumns: 'minmax(300px, 380px) 1fr minmax(340px, 440px)', gap: 10, padding: 10 }}
      >
        <section className="panel board-panel" aria-label={t('openIncidents')}>
          {escalated.length > 0 && (
            <div className="escalated pinned" role="alert" data-testid="escalated">
              <strong>
                {t('escalatedAlerts')} (<span data-testid="escalated-count">{escalated.length}</span>)
              </strong>
              {escalated.map((e) => (
                <div key={e.assignment.id} className="escalated-item">
                  <button type="button" className="link-button" onClick={() => select(e.incident.id)}>
                    {e.assignment.callsign} · {e.incident.number}
                  </button>{' '}
                  · {t('alertSent')} {e.assignment.alert ? formatTime(e.assignment.alert.sentAt) : ''}{' '}
                  <button
                    type="button"
                    onClick={() => void realertOne(e.assignment.id)}
                    data-testid={`realert-${e.assignment.callsign}`}
                  >
                    {t('realert')}
                  </button>
                </div>
              ))}
              <div className="row-buttons">
                <button
                  type="button"
                  className="primary"
                  onClick={() => void realertSelected()}
                  aria-keyshortcuts="A"
                  data-testid="realert"
                >
                  {t('realertSelected')} <kbd>A</kbd>
                </button>
                <button
                  type="button"
                  onClick={() => void realertAll()}
                  aria-keyshortcuts="Shift+A"
                  data-testid="realert-all"
                >
                  {t('realertAll')} <kbd>⇧A</kbd>
                </button>
              </div>
            </div>
          )}
          <IncomingTransfers ctx={centreCtx} onOpen={(id) => void openIncident(id)} />
          <div className="row-buttons region-scope" role="tablist" aria-label={t('scopeLabel')}>
            <button
              type="button"
              role="tab"
              aria-selected={scope === 'mine'}
              onClick={() => setScope('mine')}
              aria-keyshortcuts="W"
              data-testid="scope-mine"
            >
              {t('scopeMine')}
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={scope === 'all'}
              onClick={() => setScope('all')}
              aria-keyshortcuts="W"
              data-testid="scope-all"
            >
              {t('scopeAll')} <kbd>W</kbd>
            </button>
          </div>
          {error && (
            <div className="toast err" role="alert">
              {error}{' '}
              <button type="button" className="link-button" onClick={() => setError(null)}>
                ×
              </button>
            </div>
          )}
          <Board
            board={board}
            view={view}
            setView={setView}
            sort={sort}
            setSort={setSort}
            selected={selected}
            unopened={unopened}
            typeName={typeName}
            onSelect={onSelect}
            onJump={jumpTo}
            openCount={open.length}
          />
        </section>
        {centre === 'map' ? (
          <div className="centre-column">
            <CentreTabs centre={centre} setCentre={setCentre} />
            <DispatchMap
              map={map}
              incidents={open}
              units={unitList}
              selected={selected}
              focus={focus}
              typeName={typeName}
              onSelect={select}
            />
          </div>
        ) : (
          <div className="centre-column">
            <CentreTabs centre={centre} setCentre={setCentre} />
            <UnitsBoard
              units={unitList}
              incidents={incidents}
              limits={limits}
              onOpenIncident={(id) => void openIncident(id)}
            />
          </div>
        )}
        <section className="panel" aria-labelledby="detail-title" data-testid="detail">
          {current ? (
            <IncidentDetail
              key={current.id}
              incident={current}
              incidents={incidents}
              units={units}
              handovers={[...handovers.values()].filter((h) => h.incidentId === current.id)}
              typeName={typeName}
              map={map}
              timelineKey={timelineTick}
              onOpen={(id) => void openIncident(id)}
              centreCtx={centreCtx}
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

function CentreTabs({
  centre,
  setCentre,
}: {
  centre: 'map' | 'units';
  setCentre: (c: 'map' | 'units') => void;
}) {
  const { t } = useUi();
  return (
    <div className="row-buttons centre-tabs">
      <div className="row-buttons" role="tablist" aria-label={t('centreView')}>
        <button
          type="button"
          role="tab"
          aria-selected={centre === 'map'}
          onClick={() => setCentre('map')}
          data-testid="tab-map"
        >
          {t('map')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={centre === 'units'}
          onClick={() => setCentre('units')}
          aria-keyshortcuts="B"
          data-testid="tab-units"
        >
          {t('unitsBoard')} <kbd>B</kbd>
        </button>
      </div>
      <button
        type="button"
        onClick={() => window.open('/dispatch/map', 'cad112-map')}
        data-testid="open-map-window"
      >
        {t('mapWindow')} ↗
      </button>
    </div>
  );
}
