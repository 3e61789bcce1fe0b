'use client';

import { useMemo, useState } from 'react';
import type { HandoverDto } from '@/lib/handovers/handover-dto';
import { formatCoord, formatD96, formatDistance, formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { ASSIGNABLE_UNIT_STATUSES } from '@/lib/units/unit-status-machine';
import { ApiError, apiSend, newKey } from '../_components/api';
import { HandoverPanel } from '../_components/HandoverPanel';
import { useUi } from '../_components/i18n';
import type { IncidentRow, UnitDto, UnitMap } from '../_components/live-state';
import { useDebouncedGet } from '../_components/use-debounced-get';
import { AssignmentChip } from './BoardRow';
import { Recommendations } from './Recommendations';

// The selected incident: its facts, the units on it, what to send (recommendations), hand-over to
// another service, and every unit by distance (measured by PostGIS) with an Assign button.
export function IncidentDetail({
  incident: current,
  units,
  handovers,
  typeName,
}: {
  incident: IncidentRow;
  units: UnitMap;
  handovers: HandoverDto[];
  typeName: (code: string) => string;
}) {
  const { t } = useUi();
  const [error, setError] = useState<string | null>(null);
  const { lat, lon } = current.location;
  const nearUrl = `/api/units?near=${lat},${lon}`;
  const near = useDebouncedGet<UnitDto[]>(nearUrl, 0);
  // Changes whenever any unit changes, so recommendations are asked again.
  const unitsVersion = useMemo(() => [...units.values()].reduce((n, u) => n + u.version, 0), [units]);

  const run = async (write: () => Promise<unknown>) => {
    setError(null);
    try {
      await write();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const assign = (unitId: number) =>
    run(() =>
      apiSend('POST', `/api/incidents/${current.id}/assignments`, { unitId }, { idempotencyKey: newKey() }),
    );
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
      <p style={{ margin: '4px 0' }}>{current.description}</p>
      <p className="muted" style={{ margin: '4px 0' }}>
        {current.location.address}
        {current.location.accuracyM !== null ? ` · ±${current.location.accuracyM} m` : ''}
      </p>
      <p className="muted" style={{ margin: '4px 0' }} data-testid="detail-coords">
        WGS84 {formatCoord(lat, lon)} · D96/TM {formatD96(current.location.d96)}
      </p>
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
      {error && (
        <div className="toast err" role="alert">
          {error}
        </div>
      )}
      <h2 style={{ marginTop: 14 }}>{t('assigned')}</h2>
      <table className="table" data-testid="assigned">
        <tbody>
          {current.assignments.map((a) => (
            <tr key={a.id} data-testid={`assigned-${a.callsign}`}>
              <td>{a.callsign}</td>
              <td>
                <span className="status" data-status={a.status}>
                  {t(`st_${a.status}` as MessageKey)}
                </span>
              </td>
              <td>
                <AssignmentChip a={a} withTimes />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Recommendations incidentId={current.id} refreshKey={unitsVersion} />
      <HandoverPanel incidentId={current.id} handovers={handovers} />
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
          {(near.url === nearUrl ? (near.data ?? []) : []).slice(0, 25).map(({ id, distanceM }) => {
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
                    onClick={() => assign(u.id)}
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
  );
}
