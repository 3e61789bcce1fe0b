'use client';

import { useMemo, useState } from 'react';
import type { MessageKey } from '@/lib/i18n/messages';
import { UNIT_STATUSES, type UnitStatus } from '@/lib/units/unit-status-machine';
import { Elapsed } from '../_components/Elapsed';
import { useUi } from '../_components/i18n';
import type { IncidentMap, UnitDto } from '../_components/live-state';
import { useNow } from '../_components/use-now';

export interface AgencyLimits {
  code: string;
  name: { sl: string; en: string };
  enRouteMin: number;
  onSceneMin: number;
}

/** Units en route or on scene for longer than their agency allows (the board's alarm). */
export function overdueUnits(units: UnitDto[], limits: AgencyLimits[], now: number): Set<number> {
  const by = new Map(limits.map((l) => [l.code, l]));
  const out = new Set<number>();
  for (const u of units) {
    const l = by.get(u.agency);
    const limit =
      u.status === 'en_route' ? l?.enRouteMin : u.status === 'on_scene' ? l?.onSceneMin : undefined;
    if (limit !== undefined && now - Date.parse(u.statusSince) > limit * 60_000) out.add(u.id);
  }
  return out;
}

// Every unit at a glance: status, for how long, the incident it works on, its station; filters by
// status, service and text. A unit en route or on scene past its agency's limit is marked and
// counted at the top (the dispatcher checks on the crew).
export function UnitsBoard({
  units,
  incidents,
  limits,
  onOpenIncident,
}: {
  units: UnitDto[];
  incidents: IncidentMap;
  limits: AgencyLimits[];
  onOpenIncident: (id: number) => void;
}) {
  const { t, lang } = useUi();
  const now = useNow(15_000);
  const [status, setStatus] = useState<UnitStatus | ''>('');
  const [agency, setAgency] = useState('');
  const [text, setText] = useState('');
  const overdue = useMemo(() => overdueUnits(units, limits, now), [units, limits, now]);
  const rows = useMemo(() => {
    const q = text.trim().toLowerCase();
    return units
      .filter(
        (u) =>
          (!status || u.status === status) &&
          (!agency || u.agency === agency) &&
          (!q || u.callsign.toLowerCase().includes(q) || u.stationName.toLowerCase().includes(q)),
      )
      .sort(
        (a, b) =>
          Number(overdue.has(b.id)) - Number(overdue.has(a.id)) || a.callsign.localeCompare(b.callsign),
      );
  }, [units, status, agency, text, overdue]);

  return (
    <section className="panel units-board" aria-labelledby="units-board-title" data-testid="units-board">
      <h2 id="units-board-title">
        {t('unitsBoard')} ({rows.length}/{units.length})
      </h2>
      {overdue.size > 0 && (
        <div className="escalated" role="alert" data-testid="overdue-alarm">
          <span>
            <strong>{t('overLimitAlarm')}</strong>: {overdue.size}
          </span>
        </div>
      )}
      <div className="row">
        <label className="field">
          {t('status')}
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as UnitStatus | '')}
            data-testid="filter-status"
          >
            <option value="">{t('allStatuses')}</option>
            {UNIT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`st_${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('agency')}
          <select value={agency} onChange={(e) => setAgency(e.target.value)} data-testid="filter-agency">
            <option value="">{t('allAgencies')}</option>
            {limits.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name[lang]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('filterText')}
          <input value={text} onChange={(e) => setText(e.target.value)} data-testid="filter-text" />
        </label>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>{t('unit')}</th>
            <th>{t('status')}</th>
            <th>{t('inStatusFor')}</th>
            <th>{t('incident')}</th>
            <th>{t('station')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => {
            const inc = u.incidentId !== null ? incidents.get(u.incidentId) : undefined;
            const late = overdue.has(u.id);
            return (
              <tr key={u.id} className={late ? 'overdue' : ''} data-testid={`unitrow-${u.callsign}`}>
                <td>
                  <strong>{u.callsign}</strong> <span className="muted">{u.type}</span>
                </td>
                <td>
                  <span className="status" data-status={u.status}>
                    {t(`st_${u.status}` as MessageKey)}
                  </span>
                  {late && <span className="flag"> {t('overLimit')}</span>}
                </td>
                <td className="num">
                  <Elapsed since={u.statusSince} />
                </td>
                <td>
                  {u.incidentId !== null && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onOpenIncident(u.incidentId ?? 0)}
                    >
                      {inc?.number ?? `#${u.incidentId}`}
                    </button>
                  )}
                </td>
                <td>{u.stationName}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
