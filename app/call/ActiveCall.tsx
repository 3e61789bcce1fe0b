'use client';

import { useEffect, useState } from 'react';
import { formatCoord, formatD96, formatDuration, formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { languageName } from '@/lib/i18n/messages-calls';
import type { CallDto } from '@/lib/telephony/call-dto';
import { apiGet, apiSend, newKey } from '../_components/api';
import { useUi } from '../_components/i18n';
import { CallDoubts } from './CallQueue';

export interface TransferTarget {
  code: string;
  name: string;
  agency: string;
  uri: string;
}

// The call this call-taker answered (the screen-pop): when it arrived and was answered, the caller's
// location by the network — apart from the incident's until taken (Alt+N) — what else the network
// said, and the transfer to a service.
export function ActiveCall({
  call: c,
  onUseLocation,
  onError,
  onTransferred,
}: {
  call: CallDto;
  onUseLocation: () => void;
  onError: (err: unknown) => void;
  onTransferred: (c: CallDto) => void;
}) {
  const { t, lang } = useUi();
  const p = c.location.position;
  const waited =
    c.answeredAt !== null ? Math.max(0, (Date.parse(c.answeredAt) - Date.parse(c.offeredAt)) / 1000) : null;
  const extra = [
    c.language ? `${t('callLanguage')} ${languageName(c.language, lang)}` : '',
    c.additional.provider?.name ? `${t('callProvider')} ${c.additional.provider.name}` : '',
    c.additional.device?.classification || c.additional.device?.model
      ? `${t('callDevice')} ${[c.additional.device.classification, c.additional.device.model].filter(Boolean).join(' ')}`
      : '',
    c.additional.subscriber?.name ? `${t('callSubscriber')} ${c.additional.subscriber.name}` : '',
  ].filter(Boolean);
  return (
    <section
      className="active-call"
      aria-label={t('activeCall')}
      data-testid="active-call"
      data-call-id={c.id}
    >
      <strong>
        {t('activeCall')} · {c.caller ?? t('callNoNumber')}
        {c.state !== 'answered' ? ` · ${t(`callState_${c.state}` as MessageKey)}` : ''}
      </strong>
      <div className="muted">
        {t('callArrived')} {formatTime(c.offeredAt)}
        {c.answeredAt ? ` · ${t('callAnswered')} ${formatTime(c.answeredAt)}` : ''}
        {waited !== null ? ` · ${t('callAnswerWait')} ${formatDuration(waited)}` : ''}
        {c.answeredByPosition ? ` · ${c.answeredByPosition}` : ''}
      </div>
      {extra.length > 0 && <div className="muted">{extra.join(' · ')}</div>}
      {c.additional.comment && <div className="muted">{c.additional.comment}</div>}
      <div data-testid="caller-location">
        <strong>{t('callerLocation')}</strong>
        <div className="muted">{t('callerLocationHint')}</div>
        <CallDoubts call={c} />
        {p ? (
          <>
            <div>
              WGS84 {formatCoord(p.lat, p.lon)} · D96/TM {formatD96(p.d96)}
            </div>
            <div className="muted">
              {c.location.accuracyM !== null ? `±${Math.round(c.location.accuracyM)} m` : ''}
              {c.location.shape ? ` · ${t(`shape_${c.location.shape.kind}` as MessageKey)}` : ''}
              {c.location.confidencePct !== null ? ` · ${c.location.confidencePct} %` : ''}
              {c.location.method ? ` · ${t('callMethod')} ${c.location.method}` : ''}
            </div>
          </>
        ) : (
          <div className="muted">{t('callNoLocation')}</div>
        )}
        {c.location.civic && (
          <div>
            {t('callCivic')}: {c.location.civic}
          </div>
        )}
        {p && (
          <button
            type="button"
            onClick={onUseLocation}
            aria-keyshortcuts="Alt+N"
            data-testid="use-caller-location"
          >
            {t('useCallerLocation')}
          </button>
        )}
      </div>
      <RawInvite id={c.id} />
      {c.state === 'answered' && <Transfer call={c} onError={onError} onTransferred={onTransferred} />}
      {c.state === 'transferred' && c.transferredTo && (
        <div data-testid="call-transferred">
          {t('transferDone')}: {c.transferredTo}
        </div>
      )}
      {c.endReason && c.state !== 'transferred' && (
        <div className="muted">{t(`endReason_${c.endReason}` as MessageKey)}</div>
      )}
    </section>
  );
}

function Transfer({
  call: c,
  onError,
  onTransferred,
}: {
  call: CallDto;
  onError: (err: unknown) => void;
  onTransferred: (c: CallDto) => void;
}) {
  const { t } = useUi();
  const [targets, setTargets] = useState<TransferTarget[] | null>(null);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    apiGet<TransferTarget[]>('/api/telephony/targets')
      .then(setTargets)
      .catch(() => setTargets([]));
  }, []);
  if (targets === null) return null;
  if (targets.length === 0) return <div className="muted">{t('noTransferTargets')}</div>;
  const go = () => {
    if (!target) return;
    setBusy(true);
    apiSend<CallDto>('POST', `/api/calls/${c.id}/transfer`, { target }, { idempotencyKey: newKey() })
      .then(onTransferred)
      .catch(onError)
      .finally(() => setBusy(false));
  };
  return (
    <div className="row" style={{ alignItems: 'end', gap: 6 }}>
      <div className="field">
        <label htmlFor="transfer-target">{t('transferTo')}</label>
        <select
          id="transfer-target"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          data-testid="transfer-target"
        >
          <option value="">{t('transferChoose')}</option>
          {targets.map((x) => (
            <option key={x.code} value={x.code}>
              {x.name} · {t(`agency_${x.agency}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" disabled={busy || !target} onClick={go} data-testid="transfer-call">
        {t('transferButton')}
      </button>
    </div>
  );
}

/** The INVITE as the edge received it, fetched when opened: what the network really sent. */
function RawInvite({ id }: { id: number }) {
  const { t } = useUi();
  const [raw, setRaw] = useState<string | null>(null);
  return (
    <details
      data-testid="raw-invite"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open && raw === null)
          apiGet<{ raw: string }>(`/api/calls/${id}`)
            .then((d) => setRaw(d.raw))
            .catch(() => setRaw(''));
      }}
    >
      <summary>{t('callRawInvite')}</summary>
      <pre className="raw-invite">{raw ?? '…'}</pre>
    </details>
  );
}
