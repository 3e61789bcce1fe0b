'use client';

import { useEffect, useState } from 'react';
import type { HandoverDto } from '@/lib/handovers/handover-dto';
import { formatTime } from '@/lib/i18n/format';
import { apiGet, apiSend, newKey } from './api';
import { errorText } from './error-text';
import { useUi } from './i18n';

const SERVICE_AGENCIES = new Set(['police', 'medical_dispatch', 'notification_centre']);

interface Station {
  code: string;
  name: string;
  agency: string;
}

// Hand-over of the selected incident to a service outside the centre, and the state of earlier ones.
export function HandoverPanel({ incidentId, handovers }: { incidentId: number; handovers: HandoverDto[] }) {
  const { t } = useUi();
  const [services, setServices] = useState<Station[]>([]);
  const [service, setService] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    apiGet<Station[]>('/api/stations')
      .then((list) => setServices(list.filter((s) => SERVICE_AGENCIES.has(s.agency))))
      .catch(() => {});
  }, []);

  const send = async () => {
    setError(null);
    try {
      await apiSend(
        'POST',
        `/api/incidents/${incidentId}/handovers`,
        { service, reason },
        { idempotencyKey: newKey() },
      );
      setReason('');
    } catch (err) {
      setError(errorText(err, t));
    }
  };

  return (
    <div data-testid="handover">
      <h2 style={{ marginTop: 14 }}>{t('handover')}</h2>
      {handovers.map((h) => (
        <div key={h.id} className="muted" data-testid={`handover-${h.serviceCode}`}>
          {h.service} · {formatTime(h.createdAt)} ·{' '}
          {h.acknowledgedAt
            ? `${t('handoverAcked')} ${formatTime(h.acknowledgedAt)} (${h.acknowledgedBy ?? ''})`
            : t('handoverPending')}
        </div>
      ))}
      {error && (
        <div className="toast err" role="alert">
          {error}
        </div>
      )}
      <div className="row" style={{ marginTop: 6 }}>
        <select aria-label={t('handoverTo')} value={service} onChange={(e) => setService(e.target.value)}>
          <option value="">{t('handoverTo')}</option>
          {services.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="row" style={{ marginTop: 6 }}>
        <input
          aria-label={t('handoverReason')}
          placeholder={t('handoverReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="button" style={{ flex: 'none' }} disabled={!service || !reason.trim()} onClick={send}>
          {t('handoverSend')}
        </button>
      </div>
    </div>
  );
}
