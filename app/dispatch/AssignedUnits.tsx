'use client';

import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { MessageKey } from '@/lib/i18n/messages';
import { ASSIGNABLE_UNIT_STATUSES, nextUnitStatuses, type UnitStatus } from '@/lib/units/unit-status-machine';
import { apiSend, newKey } from '../_components/api';
import { useUi } from '../_components/i18n';
import type { AssignmentDto, IncidentRow, UnitDto, UnitMap } from '../_components/live-state';
import { useWrite } from '../_components/use-write';
import { AssignmentChip } from './BoardRow';
import { InlineForm } from './InlineForm';

type Open = { id: number; kind: 'release' | 'swap' | 'radio' } | null;

// The units on the incident and what the dispatcher does with each: cancel an alert nobody has
// acknowledged yet, release a unit that is no longer needed, swap it for another (one write), or
// report its status on the crew's behalf (radio), each with a reason for the timeline.
export function AssignedUnits({
  incident,
  units,
  nearest,
}: {
  incident: IncidentRow;
  units: UnitMap;
  /** Units by distance from the incident (the swap offers the free ones, nearest first). */
  nearest: UnitDto[];
}) {
  const [open, setOpen] = useState<Open>(null);
  const active = incident.assignments.filter((a) => !a.releasedAt);
  const released = incident.assignments.filter((a) => a.releasedAt);
  return (
    <table className="table" data-testid="assigned">
      <tbody>
        {[...active, ...released].map((a) => (
          <AssignmentRow
            key={a.id}
            a={a}
            unit={units.get(a.unitId)}
            open={open?.id === a.id ? open.kind : null}
            setOpen={(kind) => setOpen(kind ? { id: a.id, kind } : null)}
            nearest={nearest}
          />
        ))}
        {incident.assignments.length === 0 && (
          <tr>
            <td className="muted">–</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function AssignmentRow({
  a,
  unit,
  open,
  setOpen,
  nearest,
}: {
  a: AssignmentDto;
  unit: UnitDto | undefined;
  open: 'release' | 'swap' | 'radio' | null;
  setOpen: (kind: 'release' | 'swap' | 'radio' | null) => void;
  nearest: UnitDto[];
}) {
  const { t } = useUi();
  const live = !a.releasedAt;
  const unacknowledged = a.status === 'alerted';
  return (
    <>
      <tr data-testid={`assigned-${a.callsign}`} className={live ? 'assigned-row' : 'assigned-row released'}>
        <td>
          <strong>{a.callsign}</strong>
          {unit && <div className="muted small">{unit.stationName}</div>}
        </td>
        <td>
          <span className="status" data-status={a.status}>
            {t(`st_${a.status}` as MessageKey)}
          </span>
        </td>
        <td>
          <AssignmentChip a={a} withTimes />
        </td>
      </tr>
      {live && (
        <tr className="assigned-actions">
          <td colSpan={3}>
            <div className="row-buttons small">
              <button
                type="button"
                onClick={() => setOpen(open === 'release' ? null : 'release')}
                aria-expanded={open === 'release'}
                data-testid={`release-${a.callsign}`}
              >
                {unacknowledged ? t('cancelAlert') : t('release')}
              </button>
              <button
                type="button"
                onClick={() => setOpen(open === 'swap' ? null : 'swap')}
                aria-expanded={open === 'swap'}
                data-testid={`swap-${a.callsign}`}
              >
                {t('swap')}
              </button>
              <button
                type="button"
                onClick={() => setOpen(open === 'radio' ? null : 'radio')}
                aria-expanded={open === 'radio'}
                data-testid={`radio-${a.callsign}`}
              >
                {t('radioReport')}
              </button>
            </div>
            {open && <RowForm kind={open} a={a} unit={unit} nearest={nearest} done={() => setOpen(null)} />}
          </td>
        </tr>
      )}
    </>
  );
}

function RowForm({
  kind,
  a,
  unit,
  nearest,
  done,
}: {
  kind: 'release' | 'swap' | 'radio';
  a: AssignmentDto;
  unit: UnitDto | undefined;
  nearest: UnitDto[];
  done: () => void;
}) {
  const { t } = useUi();
  const { run, error, busy } = useWrite();
  const [reason, setReason] = useState('');
  const free = nearest.filter((u) => u.id !== a.unitId && ASSIGNABLE_UNIT_STATUSES.includes(u.status));
  const statuses = unit ? nextUnitStatuses(unit.status) : [];
  const [choice, setChoice] = useState<string>(
    kind === 'swap' ? String(free[0]?.id ?? '') : kind === 'radio' ? (statuses[0] ?? '') : '',
  );
  const first = useRef<HTMLSelectElement & HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const key = useRef(newKey());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const opts = { idempotencyKey: key.current };
    const body = reason.trim() ? { reason: reason.trim() } : {};
    const ok = await run(() =>
      kind === 'release'
        ? apiSend('POST', `/api/assignments/${a.id}/release`, body, opts)
        : kind === 'swap'
          ? apiSend('POST', `/api/assignments/${a.id}/swap`, { ...body, unitId: Number(choice) }, opts)
          : apiSend('POST', `/api/units/${a.unitId}/status`, { ...body, status: choice }, opts),
    );
    if (ok !== undefined) done();
    else key.current = newKey();
  };

  return (
    <InlineForm
      onSubmit={submit}
      done={done}
      error={error}
      busy={busy}
      submitLabel={t('confirm')}
      submitTestId="row-submit"
      submitDisabled={kind !== 'release' && !choice}
      inline
      testId={`form-${kind}-${a.callsign}`}
    >
      {kind === 'swap' && (
        <label className="field">
          {t('swapWith')}
          <select ref={first} value={choice} onChange={(e) => setChoice(e.target.value)} required>
            {free.slice(0, 30).map((u) => (
              <option key={u.id} value={u.id}>
                {u.callsign} · {u.stationName}
                {u.distanceM != null ? ` · ${(u.distanceM / 1000).toFixed(1)} km` : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'radio' && (
        <label className="field">
          {t('status')}
          <select
            ref={first}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            required
            data-testid="radio-status"
          >
            {statuses.map((s: UnitStatus) => (
              <option key={s} value={s}>
                {t(`st_${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        {t('reason')}
        <input
          ref={kind === 'release' ? first : undefined}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          data-testid="row-reason"
        />
      </label>
    </InlineForm>
  );
}
