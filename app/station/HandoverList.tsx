'use client';

import { formatD96, formatTime } from '@/lib/i18n/format';
import type { StationHandover } from '@/lib/live/station-alerts';
import { useUi } from '../_components/i18n';

// Incidents handed over to this service: the pending ones first, each acknowledged with one button.
export function HandoverList({
  handovers,
  typeName,
  onAcknowledge,
}: {
  handovers: StationHandover[];
  typeName: (code: string) => string;
  onAcknowledge: (id: number) => void;
}) {
  const { t } = useUi();
  if (handovers.length === 0) return null;
  const list = [...handovers]
    .sort((a, b) => Number(Boolean(a.acknowledgedAt)) - Number(Boolean(b.acknowledgedAt)) || b.id - a.id)
    .slice(0, 6);
  return (
    <section className="handovers" aria-labelledby="handovers-title" data-testid="handovers">
      <h2 id="handovers-title">{t('handovers')}</h2>
      {list.map((h) => (
        <div
          key={h.id}
          className="handover-item"
          data-pending={!h.acknowledgedAt}
          data-testid={`handover-${h.id}`}
        >
          <div>
            <strong>
              {h.incident ? `${typeName(h.incident.type)} · ${h.incident.number}` : `#${h.incidentId}`}
            </strong>{' '}
            · {h.incident?.location.address} · {formatD96(h.incident?.location.d96)}
            <div>
              {h.reason}{' '}
              <span className="muted">
                · {h.createdBy} · {formatTime(h.createdAt)}
              </span>
            </div>
            {h.incident?.description && <div className="muted">{h.incident.description}</div>}
          </div>
          {h.acknowledgedAt ? (
            <span className="muted">
              {t('handoverAcked')} {formatTime(h.acknowledgedAt)}
            </span>
          ) : (
            <button
              type="button"
              className="primary handover-ack"
              onClick={() => onAcknowledge(h.id)}
              data-testid="ack-handover"
            >
              {t('handoverAck')}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
