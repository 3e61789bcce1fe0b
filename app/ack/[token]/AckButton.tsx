'use client';

import { useState } from 'react';
import { formatDateTime } from '@/lib/i18n/format';
import { apiSend } from '../../_components/api';
import { errorText } from '../../_components/error-text';
import { useUi } from '../../_components/i18n';
import { PrefsSelects } from '../../_components/PrefsSelects';

export function AckButton({
  token,
  found,
  text,
  serviceName,
  acknowledgedAt,
}: {
  token: string;
  found: boolean;
  text: string;
  serviceName: string;
  acknowledgedAt: string | null;
}) {
  const { t } = useUi();
  const [done, setDone] = useState<string | null>(acknowledgedAt);
  const [error, setError] = useState<string | null>(null);
  const ack = async () => {
    setError(null);
    try {
      const r = await apiSend<{ acknowledgedAt: string }>('POST', '/api/oncall/acknowledge', {
        token,
        via: 'link',
      });
      setDone(r.acknowledgedAt);
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  return (
    <section className="panel ack-card" data-testid="ack-page">
      <div className="ack-prefs">
        <PrefsSelects />
      </div>
      <h1>{t('ackTitle')}</h1>
      {!found ? (
        <p role="alert">{t('ackUnknown')}</p>
      ) : (
        <>
          <p className="muted">{serviceName}</p>
          <p className="ack-text">{text}</p>
          {done ? (
            <p className="toast ok" role="status" data-testid="ack-done">
              {t('ackDone')} ({formatDateTime(done)})
            </p>
          ) : (
            <button
              type="button"
              className="primary big-button"
              onClick={() => void ack()}
              data-testid="ack-confirm"
            >
              {t('ackButton')}
            </button>
          )}
          {error && (
            <div className="toast err" role="alert">
              {error}
            </div>
          )}
        </>
      )}
    </section>
  );
}
