'use client';

import { useState } from 'react';
import type { TransferDto } from '@/lib/centres/transfer';
import { formatTime } from '@/lib/i18n/format';
import { isOpenIncident } from '@/lib/incidents/incident-status';
import { apiSend, newKey } from '../_components/api';
import { fill } from '../_components/domain/words';
import { useUi } from '../_components/i18n';
import type { IncidentRow } from '../_components/live-state';
import type { Centres } from '../_components/use-centres';
import { useWrite } from '../_components/use-write';

/** What the dispatcher's screen knows of centres: the list, mine, and the hand-overs between centres. */
export interface CentreContext {
  centres: Centres;
  myCentreId: number | null;
  /** The centres whose regions mine runs now (itself and those it has taken over). */
  mine: Set<number>;
  transfers: TransferDto[];
}

// An incident's centre, its pending hand-over to another centre (with "take over" when it is to
// mine), and the form to hand it over (when it is mine). The incident is the other centre's only
// once that centre acknowledges.
export function CentreTransfer({ incident, ctx }: { incident: IncidentRow; ctx: CentreContext }) {
  const { t, lang } = useUi();
  const { run, error, busy } = useWrite();
  const [to, setTo] = useState<number>(0);
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const pending = ctx.transfers.find((x) => x.incidentId === incident.id && x.acceptedAt === null);
  const ours = ctx.mine.has(incident.centreId);
  const others = ctx.centres.list.filter((c) => c.id !== incident.centreId);
  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await run(() =>
      apiSend(
        'POST',
        `/api/incidents/${incident.id}/transfers`,
        { centreId: to, reason },
        { idempotencyKey: newKey() },
      ),
    );
    if (ok) {
      setReason('');
      setSent(t('transferSent'));
    }
  };
  const accept = async (id: number) => {
    const ok = await run(() =>
      apiSend('POST', `/api/transfers/${id}/accept`, undefined, { idempotencyKey: newKey() }),
    );
    if (ok) setSent(t('transferAccepted'));
  };
  return (
    <div className={`transfer-box${pending ? ' pending' : ''}`} data-testid="centre-transfer">
      <div>
        {t('incidentCentre')}:{' '}
        <strong data-testid="incident-centre">{ctx.centres.name(incident.centreId, lang)}</strong>
      </div>
      {pending && (
        <div role="status" data-testid="transfer-pending">
          {fill(t('transferPending'), {
            centre: ctx.centres.name(pending.toCentreId, lang),
            by: pending.requestedByName,
            at: formatTime(pending.requestedAt),
          })}{' '}
          {pending.reason && <span className="muted">· {pending.reason}</span>}{' '}
          {ctx.mine.has(pending.toCentreId) && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void accept(pending.id)}
              data-testid="transfer-accept"
            >
              {t('transferAccept')}
            </button>
          )}
        </div>
      )}
      {ours && !pending && isOpenIncident(incident.status) && (
        <form
          className="inline-form"
          onSubmit={send}
          aria-label={t('transferTo')}
          data-testid="transfer-form"
        >
          <strong>{t('transferTo')}</strong>
          <label>
            {t('transferCentre')}
            <select
              value={to}
              onChange={(e) => setTo(Number(e.target.value))}
              required
              data-testid="transfer-centre"
            >
              <option value={0} disabled>
                —
              </option>
              {others.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name[lang]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('transferReason')}
            <input
              value={reason}
              required
              maxLength={1000}
              onChange={(e) => setReason(e.target.value)}
              data-testid="transfer-reason"
            />
          </label>
          <button type="submit" disabled={busy || !to || !reason.trim()} data-testid="transfer-send">
            {t('transferSend')}
          </button>
        </form>
      )}
      {sent && (
        <div className="toast ok" role="status">
          {sent}
        </div>
      )}
      {error && (
        <div className="toast err" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** Hand-overs waiting for my centre's acknowledgement, above the board. */
export function IncomingTransfers({
  ctx,
  onOpen,
}: {
  ctx: CentreContext;
  onOpen: (incidentId: number) => void;
}) {
  const { t, lang } = useUi();
  const { run, error, busy } = useWrite();
  const incoming = ctx.transfers.filter((x) => x.acceptedAt === null && ctx.mine.has(x.toCentreId));
  if (incoming.length === 0) return null;
  return (
    <section
      className="escalated pinned transfers-incoming"
      aria-label={t('transferIncoming')}
      data-testid="incoming-transfers"
    >
      <strong>
        {t('transferIncoming')} ({incoming.length})
      </strong>
      {incoming.map((x) => (
        <div key={x.id} className="escalated-item">
          <button type="button" className="link-button" onClick={() => onOpen(x.incidentId)}>
            {x.incidentNumber}
          </button>{' '}
          · {ctx.centres.name(x.fromCentreId, lang)} · {x.reason}{' '}
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(() =>
                apiSend('POST', `/api/transfers/${x.id}/accept`, undefined, { idempotencyKey: newKey() }),
              )
            }
            data-testid={`accept-transfer-${x.incidentNumber}`}
          >
            {t('transferAccept')}
          </button>
        </div>
      ))}
      {error && <div className="error">{error}</div>}
    </section>
  );
}
