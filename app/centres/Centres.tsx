'use client';

import { useState } from 'react';
import type { CentreLoadDto } from '@/lib/centres/centre-dto';
import { formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { apiSend, newKey } from '../_components/api';
import { fill } from '../_components/domain/words';
import { useUi } from '../_components/i18n';
import { TopBar } from '../_components/TopBar';
import { useCentres } from '../_components/use-centres';
import { useRealtime } from '../_components/use-realtime';
import { useWrite } from '../_components/use-write';
import type { PageUser } from '../_lib/page-props';

const REASONS = ['evacuation', 'night', 'decision'] as const;
const BUSY = [
  'alerted',
  'acknowledged',
  'en_route',
  'on_scene',
  'transporting',
  'at_hospital',
  'returning',
] as const;

// The national picture (issue 20): every centre's load now — open incidents, waiting calls, answer
// times, units — and its take-over state, live. A supervisor starts or ends a take-over of their own
// centre or of the centre their centre partners; the national duty officer of any centre.
export function Centres({ user }: { user: PageUser }) {
  const { t, lang } = useUi();
  const centres = useCentres(true, 'load');
  const { state } = useRealtime(
    () => {},
    () => centres.reload(),
  );
  const { run, error, busy } = useWrite();
  const [starting, setStarting] = useState<CentreLoadDto | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const mayDecide = (c: CentreLoadDto, partnerId: number | null) =>
    user.role === 'national' ||
    (user.role === 'supervisor' &&
      (user.centreId === c.id || (partnerId !== null && user.centreId === partnerId)));

  const end = async (c: CentreLoadDto) => {
    if (!window.confirm(fill(t('takeoverEndConfirm'), { centre: c.name[lang] }))) return;
    const ok = await run(() =>
      apiSend('POST', `/api/centres/${c.id}/takeover/end`, undefined, { idempotencyKey: newKey() }),
    );
    if (ok) {
      setDone(t('takeoverEnded'));
      centres.reload();
    }
  };
  const secs = (n: number | null) => (n === null ? '—' : fill(t('secondsShort'), { n }));

  return (
    <div className="shell">
      <TopBar user={user} conn={state} current="/centres" />
      <main className="main centres-main">
        <section className="panel" aria-labelledby="centres-title">
          <h1 id="centres-title">{t('centresTitle')}</h1>
          <p className="muted">{t('centresCaption')}</p>
          {error && (
            <div className="toast err" role="alert">
              {error}
            </div>
          )}
          {done && (
            <div className="toast ok" role="status">
              {done}
            </div>
          )}
          <div className="table-scroll">
            <table className="table centres-table" data-testid="centres-table">
              <thead>
                <tr>
                  <th scope="col">{t('colCentre')}</th>
                  <th scope="col">{t('colState')}</th>
                  <th scope="col">
                    {t('colOpenIncidents')} <small className="muted">({t('colRed')})</small>
                  </th>
                  <th scope="col">
                    {t('colWaitingCalls')} <small className="muted">({t('colLongestWait')})</small>
                  </th>
                  <th scope="col">{t('colAnswered')}</th>
                  <th scope="col">{t('colAnswerTimes')}</th>
                  <th scope="col">{t('colAbandoned')}</th>
                  <th scope="col">{t('colUnits')}</th>
                  <th scope="col">{t('colTransfers')}</th>
                  <th scope="col">{t('colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {centres.list.map((c) => {
                  const handles = centres.list.filter((o) => o.handledById === c.id && o.id !== c.id);
                  const busyUnits = BUSY.reduce((n, s) => n + (c.units[s] ?? 0), 0);
                  return (
                    <tr
                      key={c.id}
                      data-testid={`centre-${c.code}`}
                      className={c.id === user.centreId ? 'mine' : undefined}
                      data-taken-over={c.takeover ? 'true' : undefined}
                    >
                      <th scope="row">{c.name[lang]}</th>
                      <td data-testid={`state-${c.code}`}>
                        {c.takeover ? (
                          <span className="takeover-state">
                            {fill(t('stateTakenOver'), { partner: centres.name(c.takeover.partnerId, lang) })}{' '}
                            ({t(`takeoverReason_${c.takeover.reason}` as MessageKey)},{' '}
                            {formatTime(c.takeover.startedAt)})
                          </span>
                        ) : handles.length > 0 ? (
                          fill(t('stateHandles'), { centres: handles.map((h) => h.name[lang]).join(', ') })
                        ) : (
                          t('stateOwn')
                        )}
                      </td>
                      <td className="num" data-testid={`open-${c.code}`}>
                        {c.openIncidents} <small className="muted">({c.openRed})</small>
                      </td>
                      <td className="num" data-testid={`waiting-${c.code}`}>
                        {c.waitingCalls}{' '}
                        {c.waitingCalls > 0 && <small className="muted">({secs(c.longestWaitS)})</small>}
                      </td>
                      <td className="num">{c.answeredLastHour}</td>
                      <td className="num">
                        {secs(c.answerMedianS)} / {secs(c.answerP90S)}
                      </td>
                      <td className="num">{c.abandonedLastHour}</td>
                      <td className="num">
                        {c.units.available ?? 0} / {busyUnits} / {c.units.out_of_service ?? 0}
                      </td>
                      <td className="num">{c.pendingTransfers}</td>
                      <td>
                        {c.takeover
                          ? mayDecide(c, c.takeover.partnerId) && (
                              <button
                                type="button"
                                disabled={busy}
                                onClick={() => void end(c)}
                                data-testid={`end-${c.code}`}
                              >
                                {t('takeoverEnd')}
                              </button>
                            )
                          : handles.length === 0 &&
                            (user.role === 'national' || user.role === 'supervisor') && (
                              <button
                                type="button"
                                onClick={() => setStarting(c)}
                                data-testid={`start-${c.code}`}
                              >
                                {t('takeoverStart')}
                              </button>
                            )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {starting && (
            <StartTakeover
              centre={starting}
              centres={centres.list}
              mayDecide={mayDecide}
              onClose={() => setStarting(null)}
              onDone={() => {
                setStarting(null);
                setDone(t('takeoverStarted'));
                centres.reload();
              }}
            />
          )}
        </section>
      </main>
    </div>
  );
}

/** The take-over form: the partner (the centre's default first), the reason, a note. */
function StartTakeover({
  centre,
  centres,
  mayDecide,
  onClose,
  onDone,
}: {
  centre: CentreLoadDto;
  centres: CentreLoadDto[];
  mayDecide: (c: CentreLoadDto, partnerId: number | null) => boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, lang } = useUi();
  const { run, error, busy } = useWrite();
  // A partner that is itself taken over, or already runs another region, cannot take more.
  const free = centres.filter((c) => c.id !== centre.id && !c.takeover);
  const [partnerId, setPartnerId] = useState<number>(
    free.find((c) => c.id === centre.partnerId)?.id ?? free[0]?.id ?? 0,
  );
  const [reason, setReason] = useState<(typeof REASONS)[number]>('evacuation');
  const [note, setNote] = useState('');
  const [key] = useState(newKey);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await run(() =>
      apiSend(
        'POST',
        `/api/centres/${centre.id}/takeover`,
        { partnerId, reason, note },
        { idempotencyKey: key },
      ),
    );
    if (ok) onDone();
  };
  return (
    <form
      className="panel inline-form takeover-form"
      onSubmit={submit}
      aria-labelledby="takeover-title"
      data-testid="takeover-form"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <h2 id="takeover-title">{fill(t('takeoverStartTitle'), { centre: centre.name[lang] })}</h2>
      <label>
        {t('takeoverPartner')}
        <select
          autoFocus
          value={partnerId}
          onChange={(e) => setPartnerId(Number(e.target.value))}
          data-testid="takeover-partner"
        >
          {free.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name[lang]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('takeoverReason')}
        <select
          value={reason}
          onChange={(e) => setReason(e.target.value as (typeof REASONS)[number])}
          data-testid="takeover-reason"
        >
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`takeoverReason_${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('takeoverNote')}
        <input
          value={note}
          maxLength={1000}
          onChange={(e) => setNote(e.target.value)}
          data-testid="takeover-note"
        />
      </label>
      {error && (
        <div className="toast err" role="alert">
          {error}
        </div>
      )}
      <div className="row-buttons">
        <button
          type="submit"
          className="primary"
          disabled={busy || !mayDecide(centre, partnerId)}
          data-testid="takeover-submit"
        >
          {t('takeoverConfirm')}
        </button>
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
