'use client';

import { type ReactNode, useState } from 'react';
import type { EcallDto } from '@/lib/ecall/ecall-dto';
import { formatCoord, formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { doubtKey, vehicleClassKey } from '@/lib/i18n/messages-partners';
import { useUi } from '../_components/i18n';
import type { IncidentRow } from '../_components/live-state';
import type { NearbyIncident } from './use-call-lookups';

// The short lists beside the call form: possible duplicates of the call being typed (attach the call
// instead), incidents a machine opened that wait for a person, and the call-taker's own recent ones.

export function Duplicates({
  nearby,
  typeName,
  onAttach,
}: {
  nearby: NearbyIncident[];
  typeName: (code: string) => string;
  onAttach: (incidentId: number, number: string) => void;
}) {
  const { t } = useUi();
  const [all, setAll] = useState(false);
  if (nearby.length === 0) return null;
  return (
    <section className="duplicates" data-testid="duplicates" aria-label={t('possibleDuplicates')}>
      <strong>
        {t('possibleDuplicates')} (<span data-testid="duplicates-count">{nearby.length}</span>)
      </strong>
      <ul className="list">
        {nearby.slice(0, all ? nearby.length : 4).map((i) => (
          <IncidentItem
            key={i.id}
            incident={i}
            typeName={typeName}
            when={`${i.distanceM !== null ? `${i.distanceM} m` : ''} · ${formatTime(i.createdAt)}`}
            line={i.location.address}
          >
            <button type="button" onClick={() => onAttach(i.id, i.number)} data-testid={`attach-${i.number}`}>
              {t('attachCall')}
            </button>
          </IncidentItem>
        ))}
      </ul>
      {nearby.length > 4 && (
        <button
          type="button"
          className="link-button"
          onClick={() => setAll((a) => !a)}
          data-testid="duplicates-more"
        >
          {all ? t('showFewer') : `${t('showAll')} (${nearby.length})`}
        </button>
      )}
    </section>
  );
}

export function FlaggedIncidents({
  flagged,
  typeName,
  onConfirm,
}: {
  flagged: IncidentRow[];
  typeName: (code: string) => string;
  onConfirm: (i: IncidentRow) => void;
}) {
  const { t } = useUi();
  if (flagged.length === 0) return null;
  return (
    <section className="duplicates" aria-label={t('flaggedEcall')} data-testid="flagged-list">
      <strong>{t('flaggedEcall')}</strong>
      <ul className="list">
        {flagged.map((i) => (
          <IncidentItem key={i.id} incident={i} typeName={typeName} line={i.description}>
            <button type="button" onClick={() => onConfirm(i)} data-testid={`confirm-${i.number}`}>
              {t('confirmIncident')}
            </button>
          </IncidentItem>
        ))}
      </ul>
    </section>
  );
}

/** eCalls whose vehicle sent no usable position: the call-taker asks and opens the incident. */
export function WaitingEcalls({ waiting, onTake }: { waiting: EcallDto[]; onTake: (e: EcallDto) => void }) {
  const { t } = useUi();
  if (waiting.length === 0) return null;
  return (
    <section className="duplicates ecall-waiting" aria-label={t('ecallWaiting')} data-testid="ecall-waiting">
      <strong>{t('ecallWaiting')}</strong>
      <div className="muted">{t('ecallWaitingHint')}</div>
      <ul className="list">
        {waiting.map((e) => (
          <li key={e.id} data-testid={`ecall-${e.id}`}>
            <div>
              <strong>{formatTime(e.receivedAt)}</strong> · {t(vehicleClassKey(e.vehicleType))} ·{' '}
              {e.automaticActivation ? t('ecallAutomatic') : t('ecallManual')}
              {e.passengers !== null ? ` · ${t('ecallPassengers')}: ${e.passengers}` : ''}
            </div>
            <div className="muted">
              VIN {e.vin}
              {e.callbackNumber ? ` · ${e.callbackNumber}` : ''}
              {e.doubts.length ? ` · ${e.doubts.map((d) => t(doubtKey(d))).join('; ')}` : ''}
            </div>
            <button type="button" onClick={() => onTake(e)} data-testid={`take-ecall-${e.id}`}>
              {t('ecallTake')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MyIncidents({ mine, typeName }: { mine: IncidentRow[]; typeName: (code: string) => string }) {
  const { t } = useUi();
  return (
    <>
      <h2 style={{ marginTop: 18 }}>{t('myRecent')}</h2>
      {mine.length === 0 && <p className="muted">{t('none')}</p>}
      <ul className="list" data-testid="my-incidents">
        {mine.map((i) => (
          <IncidentItem
            key={i.id}
            incident={i}
            typeName={typeName}
            line={`${i.location.address || formatCoord(i.location.lat, i.location.lon)} · ${t(`inc_${i.status}` as MessageKey)}`}
          />
        ))}
      </ul>
    </>
  );
}

/** One incident in a short list: number, type and time, one line of detail, and an action. */
function IncidentItem({
  incident: i,
  typeName,
  when,
  line,
  children,
}: {
  incident: IncidentRow;
  typeName: (code: string) => string;
  when?: string;
  line: string;
  children?: ReactNode;
}) {
  return (
    <li className="board-item" data-priority={i.priority}>
      <div className="title">
        <span>
          {i.number} · {typeName(i.type)}
        </span>
        <span className="timer">{when ?? formatTime(i.createdAt)}</span>
      </div>
      <div className="muted">{line}</div>
      {children}
    </li>
  );
}
