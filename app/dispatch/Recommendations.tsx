'use client';

import { useState } from 'react';
import type { Recommendation } from '@/lib/dispatch/recommend-units';
import { formatDistance } from '@/lib/i18n/format';
import { apiSend, newKey } from '../_components/api';
import { errorText } from '../_components/error-text';
import { useUi } from '../_components/i18n';
import { useDebouncedGet } from '../_components/use-debounced-get';
import { useKey } from '../_components/use-key';

interface Answer {
  recommended: Recommendation[];
  shortfalls: { sl: string; en: string }[];
}

// What to send, and why; one click (or the R key) assigns the whole recommended set.
export function Recommendations({
  incidentId,
  refreshKey,
  farKm,
  onAssigned,
}: {
  incidentId: number;
  refreshKey: number;
  /** A set with a unit farther than this is assigned only after a confirmation. */
  farKm: number;
  onAssigned: (assignments: { id: number; callsign: string }[]) => void;
}) {
  const { t, lang } = useUi();
  const [busy, setBusy] = useState(false);
  const [confirmFar, setConfirmFar] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Asked again whenever any unit changes (refreshKey).
  const asked = useDebouncedGet<Answer>(`/api/incidents/${incidentId}/recommendations`, 150, refreshKey);
  const answer = asked.url === `/api/incidents/${incidentId}/recommendations` ? asked.data : undefined;

  const far = (answer?.recommended ?? []).filter((r) => (r.roadDistanceM ?? r.distanceM ?? 0) > farKm * 1000);
  const assignAll = async (confirmed = false) => {
    if (!answer || busy) return;
    if (far.length > 0 && !confirmed) {
      setConfirmFar(true);
      return;
    }
    setConfirmFar(false);
    setBusy(true);
    setError(null);
    const done: { id: number; callsign: string }[] = [];
    try {
      for (const r of answer.recommended)
        done.push(
          await apiSend<{ id: number; callsign: string }>(
            'POST',
            `/api/incidents/${incidentId}/assignments`,
            { unitId: r.id },
            { idempotencyKey: newKey() },
          ),
        );
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
      if (done.length > 0) onAssigned(done);
    }
  };

  // R assigns; with distant units in the set, a second R (or Enter on the button) confirms.
  useKey('r', () => {
    void assignAll(confirmFar);
    return true;
  });

  if (!answer) return null;
  return (
    <div data-testid="recommendations">
      <h2 style={{ marginTop: 14, display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        {t('recommended')}
        {answer.recommended.length > 0 && (
          <button
            type="button"
            className="primary"
            onClick={() => void assignAll()}
            disabled={busy}
            aria-keyshortcuts="R"
            data-testid="assign-recommended"
          >
            {t('assignRecommended')} <kbd>R</kbd>
          </button>
        )}
      </h2>
      {confirmFar && (
        <div
          className="toast err"
          role="alertdialog"
          aria-label={t('farUnitsConfirm')}
          data-testid="far-confirm"
        >
          <strong>{t('farUnitsConfirm')}:</strong>{' '}
          {far.map((r) => `${r.callsign} (${formatDistance(r.roadDistanceM ?? r.distanceM)})`).join(', ')}
          <div className="row-buttons">
            <button
              type="button"
              className="primary"
              onClick={() => void assignAll(true)}
              data-testid="far-confirm-yes"
              autoFocus
            >
              {t('confirm')} <kbd>R</kbd>
            </button>
            <button type="button" onClick={() => setConfirmFar(false)}>
              {t('back')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <div className="toast err" role="alert">
          {error}
        </div>
      )}
      {answer.shortfalls.map((s) => (
        <div key={s.en} className="toast err" data-testid="shortfall">
          {s[lang]}
        </div>
      ))}
      {answer.recommended.length === 0 && answer.shortfalls.length === 0 && (
        <p className="muted">{t('needsCovered')}</p>
      )}
      <table className="table">
        <tbody>
          {answer.recommended.map((r) => (
            <tr key={r.id} data-testid={`rec-${r.callsign}`}>
              <td>
                <strong>{r.callsign}</strong> <span className="muted">{r.type}</span>
                <div className="muted" style={{ fontSize: 12 }}>
                  {r.reason[lang]}
                </div>
              </td>
              <td className="num" data-testid="rec-distance">
                {r.etaS !== null ? (
                  <>
                    <strong>{Math.max(1, Math.round(r.etaS / 60))} min</strong>
                    <div className="muted" style={{ fontSize: 12 }}>
                      {formatDistance(r.roadDistanceM ?? r.distanceM)}
                    </div>
                  </>
                ) : (
                  formatDistance(r.distanceM)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
