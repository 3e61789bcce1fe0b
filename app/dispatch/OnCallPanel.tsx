'use client';

import { useState } from 'react';
import type { ContactChannel } from '@/db/schema/enums';
import { formatDateTime, formatTime } from '@/lib/i18n/format';
import { addressFor } from '@/lib/oncall/address-for';
import type { NotificationDto } from '@/lib/oncall/notification-dto';
import type { MunicipalityAt, ServiceOnDuty } from '@/lib/oncall/resolve-on-duty';
import { apiSend, newKey } from '../_components/api';
import { useUi } from '../_components/i18n';
import { useDebouncedGet } from '../_components/use-debounced-get';
import { useWrite } from '../_components/use-write';

interface IncidentOncall {
  municipality: MunicipalityAt | null;
  services: ServiceOnDuty[];
  notifications: NotificationDto[];
}

const CHANNELS: ContactChannel[] = ['sms', 'email', 'webhook', 'phone'];

// The on-call services for the incident's place and type — who is on duty now, how to reach them —
// notifying one (or recording a phone call), the acknowledgement as it comes, and hand-over where the
// service takes incidents. Everything also lands on the timeline.
export function OnCallPanel({ incidentId, refresh }: { incidentId: number; refresh: unknown }) {
  const { t } = useUi();
  const url = `/api/incidents/${incidentId}/oncall`;
  const got = useDebouncedGet<IncidentOncall>(url, 0, refresh);
  const data = got.url === url ? got.data : undefined;
  const [message, setMessage] = useState('');
  const [showAll, setShowAll] = useState(false);
  const { run, error, busy } = useWrite();
  if (!data) return null;
  const services = showAll ? data.services : data.services.filter((s, i) => s.suggested || i < 4);

  const notify = (serviceId: number, channel: ContactChannel) =>
    run(() =>
      apiSend(
        'POST',
        `/api/incidents/${incidentId}/notifications`,
        { serviceId, channel, message },
        { idempotencyKey: newKey() },
      ),
    ).then((ok) => ok !== undefined && setMessage(''));

  return (
    <section aria-labelledby="oncall-title" data-testid="oncall">
      <h2 id="oncall-title" style={{ marginTop: 14 }}>
        {t('oncallTitle')}
      </h2>
      {data.municipality && (
        <p className="muted">
          {t('oncallMunicipality')}: {data.municipality.name}
          {data.municipality.basis === 'nearest_seat' ? ` (${t('oncallNearestSeat')})` : ''}
        </p>
      )}
      {data.services.length === 0 && <p className="muted">{t('oncallNone')}</p>}
      <div className="field">
        <label htmlFor="oncall-message">{t('oncallNotifyMessage')}</label>
        <input
          id="oncall-message"
          value={message}
          maxLength={600}
          onChange={(e) => setMessage(e.target.value)}
        />
      </div>
      <ul className="oncall-list">
        {services.map((s) => (
          <li key={s.serviceId} data-testid={`oncall-${s.code}`} className={s.suggested ? 'suggested' : ''}>
            <div>
              <strong>{s.name}</strong> <span className="muted">{t(`sk_${s.kind}`)}</span>
              {s.suggested && <span className="tag">{t('oncallSuggested')}</span>}
            </div>
            <div className="muted">
              {s.onDuty
                ? `${t('oncallOnDuty')}: ${s.onDuty.officer}${s.onDuty.phone ? ` ${s.onDuty.phone}` : ''} · ${t('oncallUntil')} ${formatDateTime(s.onDuty.until)}${s.onDuty.basis === 'exception' ? ` · ${t('oncallException')}${s.onDuty.reason ? `: ${s.onDuty.reason}` : ''}` : ''}`
                : t('oncallNobody')}
            </div>
            <div className="row-buttons">
              {CHANNELS.map((c) => {
                const to = addressFor(s, c);
                if (!to) return null;
                return (
                  <button
                    key={c}
                    type="button"
                    disabled={busy}
                    title={to}
                    onClick={() => void notify(s.serviceId, c)}
                    data-testid={`notify-${s.code}-${c}`}
                  >
                    {c === 'phone' ? `${t('ch_phone')} ${to}` : `${t('oncallNotify')}: ${t(`ch_${c}`)}`}
                  </button>
                );
              })}
              {s.handoverStation && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void run(() =>
                      apiSend(
                        'POST',
                        `/api/incidents/${incidentId}/handovers`,
                        { service: s.handoverStation, reason: message || s.name },
                        { idempotencyKey: newKey() },
                      ),
                    )
                  }
                >
                  {t('oncallHandover')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {data.services.length > services.length && (
        <button type="button" className="link-button" onClick={() => setShowAll(true)}>
          {t('showAll')} ({data.services.length})
        </button>
      )}
      {data.notifications.length > 0 && (
        <>
          <h3>{t('oncallNotifications')}</h3>
          <ul className="notifications" data-testid="notifications">
            {data.notifications.map((n) => (
              <li key={n.id} data-state={n.state} data-testid={`notification-${n.id}`}>
                {formatTime(n.createdAt)} · {n.serviceName}
                {n.officer ? ` (${n.officer})` : ''} · {t(`ch_${n.channel}`)} {n.address} ·{' '}
                <strong className={`ns-${n.state}`} title={n.error ?? undefined}>
                  {t(`ns_${n.state}`)}
                </strong>
                {n.acknowledgedAt && n.ackVia
                  ? ` ${formatTime(n.acknowledgedAt)} ${t(`ackVia_${n.ackVia}`)}${n.ackNote ? `: ${n.ackNote}` : ''}`
                  : ''}
                {n.state === 'sent' && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      void run(() =>
                        apiSend(
                          'POST',
                          `/api/notifications/${n.id}/acknowledge`,
                          {},
                          { idempotencyKey: newKey() },
                        ),
                      )
                    }
                  >
                    {t('oncallAckByPhone')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <div className="toast err" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
