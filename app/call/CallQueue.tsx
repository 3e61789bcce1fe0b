'use client';

import { useEffect, useState } from 'react';
import { formatCoord, formatD96, formatElapsed, formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { callDoubtKey, languageName } from '@/lib/i18n/messages-calls';
import type { CallDto, CallPositionDto } from '@/lib/telephony/call-dto';
import { CALLBACK_OUTCOMES } from '@/lib/telephony/schemas';
import { apiGet, apiSend, newKey } from '../_components/api';
import { fill } from '../_components/domain/words';
import { useUi } from '../_components/i18n';
import type { Centres } from '../_components/use-centres';
import { useNow } from '../_components/use-now';

// The live call queue on every call-taker's screen (waiting calls: how long, who, where, in which
// language, whether the number called before), the call-back list of abandoned calls, and the position
// the call-taker sits at (calls answered there open on this screen).

export function CallQueue({
  telephony,
  waiting,
  callbacks,
  positions,
  myUserId,
  onPositionsChanged,
  onOpenCallback,
  onError,
  scope,
}: {
  /** My centre's calls or all (a take-over brings another region's calls to mine), and the names. */
  scope?: {
    value: 'mine' | 'all';
    set: (v: 'mine' | 'all') => void;
    myCentreId: number | null;
    centres: Centres;
  };
  waiting: CallDto[];
  callbacks: CallDto[];
  positions: CallPositionDto[];
  myUserId: number;
  onPositionsChanged: () => void;
  onOpenCallback: (c: CallDto) => void;
  onError: (err: unknown) => void;
  telephony: boolean;
}) {
  const { t, lang } = useUi();
  const now = useNow();
  if (!telephony)
    return (
      <p className="muted" data-testid="calls-manual">
        {t('callsManual')}
      </p>
    );
  return (
    <section aria-label={t('callQueue')} data-testid="call-queue-panel">
      <PositionPicker
        positions={positions}
        myUserId={myUserId}
        onChanged={onPositionsChanged}
        onError={onError}
      />
      <h2 style={{ marginTop: 10 }}>
        {t('callQueue')}{' '}
        <span className="badge" data-testid="queue-count">
          {waiting.length}
        </span>
      </h2>
      {scope && (
        <div className="row-buttons region-scope" role="tablist" aria-label={t('callQueue')}>
          <button
            type="button"
            role="tab"
            aria-selected={scope.value === 'mine'}
            onClick={() => scope.set('mine')}
            data-testid="calls-mine"
          >
            {t('callScopeMine')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={scope.value === 'all'}
            onClick={() => scope.set('all')}
            data-testid="calls-all"
          >
            {t('callScopeAll')}
          </button>
        </div>
      )}
      {waiting.length === 0 && <p className="muted">{t('callQueueEmpty')}</p>}
      <ul className="list call-queue" data-testid="call-queue" aria-live="polite">
        {waiting.map((c) => (
          <li key={c.id} data-testid={`queued-call-${c.id}`} data-caller={c.caller ?? ''}>
            <div>
              <strong className="timer" suppressHydrationWarning>
                {t('callWaiting')} {now ? formatElapsed(c.offeredAt, now) : ''}
              </strong>{' '}
              · <strong>{c.caller ?? t('callNoNumber')}</strong>
              {c.callerName ? ` · ${c.callerName}` : ''}
              {c.language ? ` · ${t('callLanguage')} ${languageName(c.language, lang)}` : ''}
              {scope && c.centreId !== scope.myCentreId && (
                <span className="flag" data-testid="call-for-centre">
                  {' '}
                  {fill(t('callForCentre'), { centre: scope.centres.name(c.centreId, lang) })}
                </span>
              )}
            </div>
            <CallWhere call={c} />
            <CalledBefore call={c} />
            {c.ringingPositions.length > 0 && (
              <div className="muted">
                {t('callRingingAt')} {c.ringingPositions.join(', ')}
              </div>
            )}
            <CallDoubts call={c} />
          </li>
        ))}
      </ul>
      <CallbackList calls={callbacks} onOpen={onOpenCallback} onError={onError} />
    </section>
  );
}

/** Where the caller is by the network (shape, uncertainty, address), and a matched AML fix. */
export function CallWhere({ call: c }: { call: CallDto }) {
  const { t } = useUi();
  const p = c.location.position;
  return (
    <div className="muted" data-testid="call-where">
      {p ? (
        <>
          {formatCoord(p.lat, p.lon)}
          {c.location.accuracyM !== null ? ` ±${Math.round(c.location.accuracyM)} m` : ''}
          {c.location.shape ? ` · ${t(`shape_${c.location.shape.kind}` as MessageKey)}` : ''}
        </>
      ) : (
        t('callNoLocation')
      )}
      {c.location.civic ? ` · ${c.location.civic}` : ''}
      {c.deviceFix?.position && (
        <span data-testid="call-aml">
          {' '}
          · {t('callAmlMatched')} {formatCoord(c.deviceFix.position.lat, c.deviceFix.position.lon)}
          {c.deviceFix.accuracyM !== null ? ` ±${Math.round(c.deviceFix.accuracyM)} m` : ''}
        </span>
      )}
    </div>
  );
}

function CalledBefore({ call: c }: { call: CallDto }) {
  const { t } = useUi();
  if (c.history.calls === 0 && c.history.incidents.length === 0) return null;
  return (
    <div className="warn-text" data-testid="called-before">
      {t('callCalledBefore')} {c.history.calls}
      {t('callTimesIn24h')}
      {c.history.incidents.length > 0
        ? ` · ${t('callIncidentsBefore')}: ${c.history.incidents.map((i) => i.number).join(', ')}`
        : ''}
    </div>
  );
}

export function CallDoubts({ call: c }: { call: CallDto }) {
  const { t } = useUi();
  if (c.doubts.length === 0) return null;
  return (
    <div className="device-doubts" data-testid="call-doubts">
      {t('deviceDoubts')} {c.doubts.map((d) => t(callDoubtKey(d))).join('; ')}
    </div>
  );
}

function PositionPicker({
  positions,
  myUserId,
  onChanged,
  onError,
}: {
  positions: CallPositionDto[];
  myUserId: number;
  onChanged: () => void;
  onError: (err: unknown) => void;
}) {
  const { t } = useUi();
  const mine = positions.find((p) => p.userId === myUserId)?.position ?? '';
  const choose = (position: string) =>
    apiSend('POST', '/api/me/position', { position: position || null }, { idempotencyKey: newKey() })
      .then(onChanged)
      .catch(onError);
  const current = positions.find((p) => p.position === mine);
  return (
    <div className="field" style={{ marginBottom: 4 }}>
      <label htmlFor="my-position">{t('myPosition')}</label>
      <select
        id="my-position"
        value={mine}
        onChange={(e) => void choose(e.target.value)}
        data-testid="my-position"
      >
        <option value="">{t('positionNone')}</option>
        {positions.map((p) => (
          <option key={p.position} value={p.position} disabled={p.userId !== null && p.userId !== myUserId}>
            {p.position} · {p.registered ? t('positionRegistered') : t('positionNotRegistered')}
            {p.userId !== null && p.userId !== myUserId
              ? ` · ${t('positionTakenBy')} ${p.userName ?? ''}`
              : ''}
          </option>
        ))}
      </select>
      {current && !current.registered && <div className="warn-text">{t('positionNotRegistered')}</div>}
    </div>
  );
}

function CallbackList({
  calls,
  onOpen,
  onError,
}: {
  calls: CallDto[];
  onOpen: (c: CallDto) => void;
  onError: (err: unknown) => void;
}) {
  const { t } = useUi();
  if (calls.length === 0) return null;
  return (
    <section aria-label={t('callbackList')} data-testid="callback-list" style={{ marginTop: 10 }}>
      <h2>{t('callbackList')}</h2>
      <div className="muted">{t('callbackHint')}</div>
      <ul className="list">
        {calls.map((c) => (
          <CallbackItem key={c.id} call={c} onOpen={onOpen} onError={onError} />
        ))}
      </ul>
    </section>
  );
}

function CallbackItem({
  call: c,
  onOpen,
  onError,
}: {
  call: CallDto;
  onOpen: (c: CallDto) => void;
  onError: (err: unknown) => void;
}) {
  const { t } = useUi();
  const [outcome, setOutcome] = useState<(typeof CALLBACK_OUTCOMES)[number]>('reached');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const key = useKey(c.id);
  const record = () => {
    setBusy(true);
    apiSend('POST', `/api/calls/${c.id}/callback`, { outcome, note }, { idempotencyKey: key })
      .catch(onError)
      .finally(() => setBusy(false));
  };
  return (
    <li data-testid={`callback-${c.id}`} className={c.callback ? 'muted' : undefined}>
      <div>
        <strong>{formatTime(c.offeredAt)}</strong> · <strong>{c.caller ?? t('callNoNumber')}</strong>
        {c.endReason ? ` · ${t(`endReason_${c.endReason}` as MessageKey)}` : ''}
      </div>
      <CallWhere call={c} />
      {c.location.position && <div className="muted">D96/TM {formatD96(c.location.position.d96)}</div>}
      {c.callback ? (
        <div data-testid="callback-done">
          {t('callbackDone')} {formatTime(c.callback.at)} · {c.callback.byName ?? ''} ·{' '}
          {t(`callbackOutcome_${c.callback.outcome ?? 'reached'}` as MessageKey)}
          {c.callback.note ? ` · ${c.callback.note}` : ''}
        </div>
      ) : (
        <div className="callback-actions">
          <select
            aria-label={t('callbackList')}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as typeof outcome)}
            data-testid={`callback-outcome-${c.id}`}
          >
            {CALLBACK_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`callbackOutcome_${o}` as MessageKey)}
              </option>
            ))}
          </select>
          <input
            aria-label={t('callbackNote')}
            placeholder={t('callbackNote')}
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="button" disabled={busy} onClick={record} data-testid={`callback-record-${c.id}`}>
            {t('callbackRecord')}
          </button>
          <button type="button" onClick={() => onOpen(c)} data-testid={`callback-open-${c.id}`}>
            {t('callbackOpenForm')}
          </button>
        </div>
      )}
    </li>
  );
}

/** One idempotency key per call's call-back, kept while the item is on screen. */
function useKey(id: number): string {
  const [key, setKey] = useState(() => `callback-${id}-${newKey()}`);
  useEffect(() => setKey(`callback-${id}-${newKey()}`), [id]);
  return key;
}

export async function loadCalls(): Promise<CallDto[]> {
  const [waiting, callbacks, active] = await Promise.all([
    apiGet<CallDto[]>('/api/calls?list=waiting'),
    apiGet<CallDto[]>('/api/calls?list=callback'),
    apiGet<CallDto[]>('/api/calls?list=active'),
  ]);
  return [...waiting, ...callbacks, ...active];
}
