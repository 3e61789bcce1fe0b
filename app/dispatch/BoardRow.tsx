'use client';

import { memo } from 'react';
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
  onSelect,
}: {
  incident: IncidentRow;
  typeLabel: string;
  selected: boolean;
  onSelect: (id: number) => void;
}) {
  const { t } = useUi();
  return (
    <div
      role="option"
      tabIndex={0}
      aria-selected={selected}
      className="board-item"
      data-priority={i.priority}
      data-testid={`board-${i.number}`}
      onClick={() => onSelect(i.id)}
      onKeyDown={(e) => e.key === 'Enter' && onSelect(i.id)}
    >
      <div className="title">
        <span>
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
