'use client';

import { formatCoord, formatD96, formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { IncidentDto } from '@/lib/incidents/incident-dto';
import { CREW_REPORTS, type UnitStatus, unitTransitionError } from '@/lib/units/unit-status-machine';
import { UNIT_STATUS_COLOR } from '../_components/colors';
import { Surroundings } from '../_components/domain/Surroundings';
import { useUi } from '../_components/i18n';
import type { IncidentType, UnitDto } from '../_components/live-state';
import { TriageAnswers } from '../_components/TriageAnswers';
import type { AvlState } from './use-device-avl';

// One of the station's units: its status, a button for each status it may report next (the others
// are disabled by the same state table the server checks), and this device's location sharing.
export function UnitCard({
  unit: u,
  incident,
  types,
  typeName,
  domainTick,
  avl,
  onStatus,
}: {
  unit: UnitDto;
  /** The incident the unit works on, as the station's alert carried it. */
  incident: IncidentDto | undefined;
  types: IncidentType[];
  domainTick: number;
  typeName: (code: string) => string;
  avl: { active: boolean; state: AvlState; onStart: () => void; onStop: () => void };
  onStatus: (status: UnitStatus) => void;
}) {
  const { t } = useUi();
  return (
    <div className="panel" style={{ marginBottom: 10 }} data-testid={`unit-${u.callsign}`}>
      <div
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}
      >
        <strong style={{ fontSize: 18 }}>
          {u.callsign} <span className="muted">{u.type}</span>
        </strong>
        <span
          className="status"
          data-status={u.status}
          style={{ borderColor: UNIT_STATUS_COLOR[u.status] }}
          data-testid="unit-status"
        >
          {t(`st_${u.status}` as MessageKey)}
        </span>
      </div>
      {incident && (
        <div className="unit-incident" data-testid="unit-incident">
          <div>
            <strong>
              {t('unitOnIncident')}: {typeName(incident.type)} · {incident.number}
            </strong>
          </div>
          <div>{incident.location.address || formatCoord(incident.location.lat, incident.location.lon)}</div>
          <div className="muted">D96/TM {formatD96(incident.location.d96)}</div>
          {incident.description && <div>{incident.description}</div>}
          <TriageAnswers incident={incident} types={types} />
          <Surroundings
            incidentId={incident.id}
            refresh={`${incident.version}:${domainTick}`}
            editable={false}
          />
        </div>
      )}
      <AvlControl {...avl} />
      <div className="status-buttons">
        {CREW_REPORTS.map((s) => (
          <button
            key={s}
            type="button"
            disabled={unitTransitionError(u.status, s) !== null}
            onClick={() => onStatus(s)}
          >
            {t(`st_${s}` as MessageKey)}
          </button>
        ))}
      </div>
    </div>
  );
}

// Binds this device's location to one unit (a tablet in the vehicle) and says what is happening.
function AvlControl({
  active,
  state,
  onStart,
  onStop,
}: {
  active: boolean;
  state: AvlState;
  onStart: () => void;
  onStop: () => void;
}) {
  const { t } = useUi();
  if (!active)
    return (
      <button type="button" className="link-button avl-button" onClick={onStart} data-testid="avl-start">
        {t('avlShare')}
      </button>
    );
  const last =
    'lastSentAt' in state && state.lastSentAt
      ? ` · ${t('avlLast')} ${formatTime(new Date(state.lastSentAt))}`
      : '';
  const text =
    state.kind === 'sending'
      ? `${t('avlSending')}${last} · ±${state.accuracyM} m`
      : state.kind === 'poor'
        ? `${t('avlPoor')} (±${state.accuracyM} m)${last}`
        : state.kind === 'denied'
          ? t('avlDenied')
          : state.kind === 'unavailable'
            ? t('avlUnavailable')
            : state.kind === 'failed'
              ? `${t('avlFailed')}${last}`
              : t('avlWaiting');
  const bad = state.kind === 'denied' || state.kind === 'unavailable' || state.kind === 'failed';
  return (
    <div
      className={`avl-line${bad ? ' avl-bad' : ''}`}
      data-testid="avl"
      data-state={state.kind}
      role="status"
    >
      <span>{text}</span>
      <button type="button" className="link-button" onClick={onStop} data-testid="avl-stop">
        {t('avlStop')}
      </button>
    </div>
  );
}
