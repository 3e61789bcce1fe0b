'use client';

import { memo, useEffect, useRef } from 'react';
import { formatCoord, formatElapsed, formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { Elapsed } from '../_components/Elapsed';
import { useUi } from '../_components/i18n';
import { type AssignmentDto, alertState, type IncidentRow } from '../_components/live-state';

// One line of the board. Memoised: an event about one incident re-renders that row only, and the
// timers tick by themselves (Elapsed), so thousands of rows cost nothing between changes.
export const BoardRow = memo(function BoardRow({
  incident: i,
  typeLabel,
  selected,
  unopened,
  onSelect,
}: {
  incident: IncidentRow;
  typeLabel: string;
  selected: boolean;
  /** A new red incident nobody has opened on this screen yet. */
  unopened: boolean;
  onSelect: (id: number) => void;
}) {
  const { t } = useUi();
  const ref = useRef<HTMLDivElement>(null);
  // The selected row stays in view as ↑/↓ move through a long board.
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keys (arrows), one tab stop
    <div
      ref={ref}
      id={`board-opt-${i.id}`}
      role="option"
      tabIndex={-1}
      aria-selected={selected}
      className={unopened ? 'board-item unopened' : 'board-item'}
      data-priority={i.priority}
      data-testid={`board-${i.number}`}
      onClick={() => onSelect(i.id)}
    >
      <div className="title">
        <span>
          {unopened && (
            <span className="badge-new" data-testid="unopened">
              {t('unopened')}
            </span>
          )}
          {i.number} · {typeLabel}
        </span>
        <span className="timer" title={t('sinceCreated')}>
          <Elapsed since={i.createdAt} />
          {i.firstAlertedAt && <Elapsed since={i.firstAlertedAt} prefix={` · ${t('alarmShort')} `} />}
        </span>
      </div>
      {i.flagged && (
        <span className="flag" data-testid="flagged">
          {t('flaggedEcall')}
        </span>
      )}
      <div className="muted">
        {i.location.address || formatCoord(i.location.lat, i.location.lon)} ·{' '}
        {t(`inc_${i.status}` as MessageKey)}
        {i.outcome ? ` · ${t(`out_${i.outcome}`)}` : ''}
      </div>
      <div>
        {i.assignments
          .filter((a) => !a.releasedAt)
          .map((a) => (
            <AssignmentChip key={a.id} a={a} running />
          ))}
      </div>
    </div>
  );
});

const ALERT_LABEL = {
  acknowledged: 'alertAcknowledged',
  escalated: 'alertEscalated',
  delivered: 'alertDelivered',
  sent: 'alertSent',
  cancelled: 'alertCancelledShort',
} as const satisfies Record<string, MessageKey>;

/** Where a unit's alert stands: on the board with its running time, in the detail with its time stamp. */
export function AssignmentChip({
  a,
  withTimes,
  running,
}: {
  a: AssignmentDto;
  withTimes?: boolean;
  running?: boolean;
}) {
  const { t } = useUi();
  const st = alertState(a.alert);
  const label = t(ALERT_LABEL[st ?? 'sent']);
  const time =
    st === 'acknowledged'
      ? a.alert?.acknowledgedAt
      : st === 'delivered'
        ? a.alert?.deliveredAt
        : a.alert?.sentAt;
  return (
    <span className="chip" data-alert={st ?? 'none'} data-testid={`chip-${a.callsign}`}>
      {withTimes ? '' : `${a.callsign} `}
      {label}
      {withTimes && time ? ` ${formatTime(time)}` : ''}
      {withTimes && st === 'acknowledged' && a.alert?.acknowledgedBy ? ` · ${a.alert.acknowledgedBy}` : ''}
      {/* On the board: how long an alert has waited, or how long acknowledgement took. */}
      {!withTimes && running && a.alert && st !== 'acknowledged' && (
        <Elapsed since={a.alert.sentAt} prefix=" " />
      )}
      {!withTimes && a.alert?.acknowledgedAt
        ? ` ${formatElapsed(a.alert.sentAt, new Date(a.alert.acknowledgedAt).getTime())}`
        : ''}
    </span>
  );
}
