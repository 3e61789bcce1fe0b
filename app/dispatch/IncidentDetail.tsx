'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type { HandoverDto } from '@/lib/handovers/handover-dto';
import { formatCoord, formatD96, formatDistance, formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { isOpenIncident } from '@/lib/incidents/incident-status';
import { ASSIGNABLE_UNIT_STATUSES } from '@/lib/units/unit-status-machine';
import { apiSend, newKey } from '../_components/api';
import { Surroundings } from '../_components/domain/Surroundings';
import { HandoverPanel } from '../_components/HandoverPanel';
import { useUi } from '../_components/i18n';
import type { IncidentMap, IncidentRow, UnitDto, UnitMap } from '../_components/live-state';
import { TriageAnswers } from '../_components/TriageAnswers';
import { useDebouncedGet } from '../_components/use-debounced-get';
import { useIncidentTypes } from '../_components/use-incident-types';
import { useKey } from '../_components/use-key';
import { useWrite } from '../_components/use-write';
import type { MapConfig } from '../_lib/page-props';
import { AssignedUnits } from './AssignedUnits';
import { type CentreContext, CentreTransfer } from './CentreTransfer';
import { type ActionMode, IncidentActions } from './IncidentActions';
import { IncidentEdit } from './IncidentEdit';
import { OnCallPanel } from './OnCallPanel';
import { Recommendations } from './Recommendations';
import { Timeline } from './Timeline';

const UNDO_MS = 8000;

/** Any unit by its call sign, from the keyboard (D): type, Enter. */
function QuickAssign({ units, onAssign }: { units: UnitMap; onAssign: (unitId: number) => void }) {
  const { t } = useUi();
  const [text, setText] = useState('');
  const [miss, setMiss] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const free = useMemo(
    () => [...units.values()].filter((u) => ASSIGNABLE_UNIT_STATUSES.includes(u.status)),
    [units],
  );
  useKey('d', () => {
    field.current?.focus();
    return field.current !== null;
  });
  return (
    <div className="field quick-assign">
      <label htmlFor="quick-assign">
        {t('assignByCallsign')} <kbd>D</kbd>
      </label>
      <input
        id="quick-assign"
        ref={field}
        value={text}
        list="free-callsigns"
        autoComplete="off"
        aria-invalid={miss}
        onChange={(e) => {
          setText(e.target.value);
          setMiss(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') field.current?.blur();
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const want = text.trim().toUpperCase();
          const unit = free.find((u) => u.callsign.toUpperCase() === want);
          if (!unit) return setMiss(true);
          onAssign(unit.id);
          setText('');
        }}
        data-testid="quick-assign"
      />
      <datalist id="free-callsigns">
        {(text.trim() ? free.filter((u) => u.callsign.toUpperCase().includes(text.trim().toUpperCase())) : [])
          .slice(0, 20)
          .map((u) => (
            <option key={u.id} value={u.callsign}>
              {u.stationName}
            </option>
          ))}
      </datalist>
      {miss && <div className="error">{t('noFreeUnit')}</div>}
    </div>
  );
}

// The selected incident: its facts, what to do with it (edit, close, cancel, reopen, merge, link),
// the units on it (release, swap, radio report), what to send (recommendations), hand-over, its
// timeline, and every unit by distance (measured by PostGIS) with an Assign button. An assignment
// made here can be undone for a few seconds (U).
export function IncidentDetail({
  incident: current,
  incidents,
  units,
  handovers,
  typeName,
  map,
  timelineKey,
  onOpen,
  centreCtx,
}: {
  centreCtx: CentreContext;
  incident: IncidentRow;
  incidents: IncidentMap;
  units: UnitMap;
  handovers: HandoverDto[];
  typeName: (code: string) => string;
  map: MapConfig;
  /** Changes when the incident's timeline changed (a note, a caller, a link). */
  timelineKey: unknown;
  onOpen: (id: number) => void;
}) {
  const { t } = useUi();
  const { types } = useIncidentTypes();
  const { run, error } = useWrite();
  const [mode, setMode] = useState<ActionMode>(null);
  const [editing, setEditing] = useState(false);
  const [undoList, setUndo] = useState<{ id: number; callsign: string }[]>([]);
  // Only assignments still active can be undone (a swap or a release meanwhile ends the offer).
  const undo = undoList.filter((u) =>
    current.assignments.some((a) => a.id === u.id && a.releasedAt === null),
  );
  const undoTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const { lat, lon } = current.location;
  const open = isOpenIncident(current.status);
  const nearUrl = `/api/units?near=${lat},${lon}`;
  const near = useDebouncedGet<UnitDto[]>(nearUrl, 0);
  const nearest = near.url === nearUrl ? (near.data ?? []) : [];
  // Changes whenever any unit changes, so recommendations are asked again.
  const unitsVersion = useMemo(() => [...units.values()].reduce((n, u) => n + u.version, 0), [units]);
  useEffect(() => () => clearTimeout(undoTimer.current), []);

  const offerUndo = (done: { id: number; callsign: string }[]) => {
    clearTimeout(undoTimer.current);
    setUndo(done);
    undoTimer.current = setTimeout(() => setUndo([]), UNDO_MS);
  };
  const undoLast = async () => {
    const list = undo;
    setUndo([]);
    for (const a of list)
      await run(() =>
        apiSend(
          'POST',
          `/api/assignments/${a.id}/release`,
          { reason: t('undo') },
          { idempotencyKey: newKey() },
        ),
      );
  };
  useKey('u', () => {
    if (undo.length === 0) return false;
    void undoLast();
    return true;
  });
  useKey('e', () => {
    if (!open) return false;
    setEditing(true);
    return true;
  });

  const assign = async (unitId: number) => {
    const a = await run(() =>
      apiSend<{ id: number; callsign: string }>(
        'POST',
        `/api/incidents/${current.id}/assignments`,
        { unitId },
        { idempotencyKey: newKey() },
      ),
    );
    if (a) offerUndo([a]);
  };
  const confirm = () =>
    run(() =>
      apiSend(
        'PATCH',
        `/api/incidents/${current.id}`,
        { version: current.version, flagged: false },
        { idempotencyKey: newKey() },
      ),
    );

  return (
    <>
      <h2 id="detail-title">
        <span className={`prio prio-${current.priority}`} /> {current.number} · {typeName(current.type)}
      </h2>
      {!open && (
        <div className="ended-banner" data-testid="ended-banner">
          <strong>
            {t(current.status === 'closed' ? 'closedAs' : 'cancelledAs')}
            {current.closedAt ? ` ${formatTime(current.closedAt)}` : ''}
          </strong>
          {current.outcome && <> · {t(`out_${current.outcome}`)}</>}
          {current.closeRemark && <> · {current.closeRemark}</>}
          {current.mergedInto !== null && (
            <>
              {' '}
              · {t('mergedIntoLabel')}{' '}
              <button type="button" className="link-button" onClick={() => onOpen(current.mergedInto ?? 0)}>
                {incidents.get(current.mergedInto)?.number ?? `#${current.mergedInto}`}
              </button>
            </>
          )}
        </div>
      )}
      {editing ? (
        <IncidentEdit incident={current} done={() => setEditing(false)} />
      ) : (
        <>
          <p style={{ margin: '4px 0' }} data-testid="detail-description">
            {current.description}
          </p>
          <p className="muted" style={{ margin: '4px 0' }} data-testid="detail-address">
            {current.location.address}
            {current.location.accuracyM !== null ? ` · ±${current.location.accuracyM} m` : ''}
          </p>
        </>
      )}
      <p className="muted" style={{ margin: '4px 0' }} data-testid="detail-coords">
        WGS84 {formatCoord(lat, lon)} · D96/TM {formatD96(current.location.d96)}
      </p>
      <TriageAnswers incident={current} types={types} />
      <p className="muted" style={{ margin: '4px 0' }}>
        {t('caller')}: {[current.caller.name, current.caller.phone].filter(Boolean).join(' ') || '–'}
      </p>
      <p className="muted" style={{ margin: '4px 0' }} data-testid="detail-times">
        {current.callStartedAt ? `${t('callStarted')} ${formatTime(current.callStartedAt)} · ` : ''}
        {t('created')} {formatTime(current.createdAt)}
        {current.firstAlertedAt ? ` · ${t('firstAlerted')} ${formatTime(current.firstAlertedAt)}` : ''} ·{' '}
        <a href={`/replay/${current.id}`} target="_blank" rel="noreferrer" data-testid="detail-replay">
          {t('replay')}
        </a>
      </p>
      {current.flagged && (
        <p>
          <span className="flag">{t('flaggedEcall')}</span>{' '}
          <button type="button" onClick={confirm} data-testid="confirm-incident">
            {t('confirmIncident')}
          </button>
        </p>
      )}
      {!editing && (
        <IncidentActions
          incident={current}
          incidents={incidents}
          mode={mode}
          setMode={setMode}
          onEdit={() => setEditing(true)}
        />
      )}
      {undo.length > 0 && (
        <div className="toast ok" role="status" data-testid="undo-toast">
          {t('assignedUndo')}: {undo.map((a) => a.callsign).join(', ')}{' '}
          <button type="button" onClick={() => void undoLast()} aria-keyshortcuts="U" data-testid="undo">
            {t('undo')} <kbd>U</kbd>
          </button>
        </div>
      )}
      {error && (
        <div className="toast err" role="alert">
          {error}
        </div>
      )}
      <Surroundings
        incidentId={current.id}
        refresh={`${current.version}:${String(timelineKey)}`}
        editable
        position={{ lat, lon, address: current.location.address }}
      />
      <h2 style={{ marginTop: 14 }}>{t('assigned')}</h2>
      <AssignedUnits incident={current} units={units} nearest={nearest} />
      {open && <QuickAssign units={units} onAssign={(id) => void assign(id)} />}
      {open && (
        <Recommendations
          incidentId={current.id}
          refreshKey={unitsVersion}
          farKm={map.farUnitKm}
          onAssigned={offerUndo}
        />
      )}
      <CentreTransfer incident={current} ctx={centreCtx} />
      <HandoverPanel incidentId={current.id} handovers={handovers} />
      <OnCallPanel incidentId={current.id} refresh={`${current.version}:${String(timelineKey)}`} />
      <Timeline
        incidentId={current.id}
        refresh={`${current.version}:${String(timelineKey)}`}
        onOpen={onOpen}
      />
      {open && (
        <>
          <h2 style={{ marginTop: 14 }}>{t('nearestUnits')}</h2>
          <table className="table" data-testid="near-units">
            <thead>
              <tr>
                <th>{t('unit')}</th>
                <th>{t('status')}</th>
                <th>{t('distance')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {nearest.slice(0, 25).map(({ id, distanceM }) => {
                // The live unit (its status changes meanwhile); the distance as measured.
                const u = units.get(id);
                if (!u) return null;
                const free = ASSIGNABLE_UNIT_STATUSES.includes(u.status);
                return (
                  <tr key={id} data-testid={`near-${u.callsign}`}>
                    <td>
                      <strong>{u.callsign}</strong> <span className="muted">{u.type}</span>
                    </td>
                    <td>
                      <span className="status" data-status={u.status}>
                        {t(`st_${u.status}` as MessageKey)}
                      </span>
                    </td>
                    <td>{formatDistance(distanceM ?? null)}</td>
                    <td>
                      <button
                        type="button"
                        className={free ? 'primary' : ''}
                        disabled={!free}
                        onClick={() => void assign(u.id)}
                      >
                        {t('assign')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
